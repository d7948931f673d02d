package ptlab.runfolder;

import java.io.IOException;
import java.nio.file.Path;
import ptlab.HarnessException;
import ptlab.json.Json;

/**
 * cell.json in a campaign cell's run folder: which attempt of the cell published it.
 *
 * @param executor     {@code slurm} or {@code local}
 * @param jobId        the scheduler's id of the task, e.g. {@code 1234_5}; empty when run by hand
 * @param node         the host it ran on
 * @param restartCount how often the scheduler restarted the task before this attempt
 * @param startedAt    ISO-8601 UTC
 * @param finishedAt   ISO-8601 UTC
 */
public record CellRecord(String runId, String executor, String jobId, String node, int restartCount, String startedAt,
        String finishedAt) {
    /** Writes {@code file}, atomically. */
    public void write(Path file) {
        Json.write(file, this);
    }

    public static CellRecord read(Path file) {
        try {
            return Json.read(file, CellRecord.class);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
