package ptlab.plan;

import java.io.IOException;
import java.nio.file.Path;
import ptlab.HarnessException;
import ptlab.json.Json;

/**
 * plan.json: the {@link RunPlan} as JSON, snake_case keys in record order, two-space indent, one value per
 * line, paths as plain strings, a final newline. The same plan always gives the same bytes; a golden test
 * holds the format still. The spec inside reads back with the spec's own syntax (sizes as "2G").
 */
public final class PlanWriter {
    private PlanWriter() {
    }

    public static String toJson(RunPlan plan) {
        return Json.text(plan);
    }

    /** Writes plan.json to {@code file}, atomically. */
    public static void write(RunPlan plan, Path file) {
        Json.write(file, plan);
    }

    /** Reads a plan.json back (render and package find the run's spec this way). */
    public static RunPlan read(Path file) {
        try {
            return Json.strictReader(RunPlan.class).readValue(file.toFile());
        } catch (IOException e) {
            throw HarnessException.usage("cannot read plan " + file + ": " + e.getMessage());
        }
    }
}
