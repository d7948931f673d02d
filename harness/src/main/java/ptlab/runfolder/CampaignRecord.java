package ptlab.runfolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import ptlab.HarnessException;
import ptlab.json.Json;

/**
 * campaign.json in a campaign folder: the plan's experiment, spec and images, and each cell's folder,
 * outcome and why; written when the campaign is assembled.
 *
 * @param campaignId the campaign folder's name
 * @param createdAt  when the plan was made (ISO-8601 UTC)
 * @param cells      in plan order
 * @param outcome    the worst cell outcome
 */
public record CampaignRecord(String experiment, String campaignId, String createdAt, Manifest.FileRef spec,
        List<String> images, int repetitions, List<Cell> cells, String outcome) {
    public static final String FILE = "campaign.json";

    /**
     * One cell.
     *
     * @param folder  its run folder, relative to the campaign folder
     * @param outcome the run's outcome, or NO_RESULT / CANCELLED when it left no run folder
     */
    public record Cell(String runId, String image, int repetition, String folder, String outcome, String message) {
    }

    public CampaignRecord {
        images = List.copyOf(images);
        cells = List.copyOf(cells);
    }

    /** Writes {@value #FILE} in {@code campaign}, atomically. */
    public void write(Path campaign) {
        Json.write(campaign.resolve(FILE), this);
    }

    public static CampaignRecord read(Path campaign) {
        Path f = campaign.resolve(FILE);
        try {
            return Json.read(f, CampaignRecord.class);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + f + ": " + e.getMessage());
        }
    }
}
