package ptlab.runfolder;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import ptlab.analysis.OracleResult;
import ptlab.json.Json;

/**
 * oracles.json: what the latest render of a run found, each oracle as manifest.json records it (a file
 * from before oracles had a status holds {@code passed} flags, and still reads).
 */
public final class OracleFile {
    private OracleFile() {
    }

    public static List<OracleResult> read(Path file) {
        try {
            return List.copyOf(Json.mapper().readValue(file.toFile(), new TypeReference<List<OracleResult>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** The file's text: the same oracles always give the same bytes. */
    public static String text(List<OracleResult> oracles) {
        return Json.text(oracles);
    }
}
