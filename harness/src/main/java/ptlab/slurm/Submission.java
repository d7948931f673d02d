package ptlab.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptlab.HarnessException;
import ptlab.plan.CellResources;
import ptlab.json.Json;

/**
 * slurm/submission.json in a campaign folder: which jobs run the campaign, written once they are
 * submitted; {@code harness status}, {@code cancel} and {@code --wait} read it.
 *
 * @param plan the campaign's plan.json, which every task reads
 * @param imagesJob the job that builds missing images first; null when every image was cached
 * @param arrayJob the array job, one task per cell, task i = cell i of the plan
 * @param reportJob the job that assembles the campaign once the array has ended (afterany)
 * @param cells run ids, in plan (= array index) order
 * @param submittedAt ISO-8601 UTC
 * @param options the resources each cell asked for
 */
public record Submission(Path plan, String imagesJob, String arrayJob, String reportJob, List<String> cells,
        String submittedAt, CellResources options) {
    public static final String FOLDER = "slurm";
    public static final String FILE = "submission.json";
    /** Present once {@code harness cancel} cancelled the campaign. */
    public static final String CANCELLED = "cancelled";

    public Submission {
        cells = List.copyOf(cells);
    }

    /** Every job of the campaign. */
    public List<String> jobs() {
        List<String> all = new ArrayList<>();
        if (imagesJob != null) {
            all.add(imagesJob);
        }
        all.add(arrayJob);
        all.add(reportJob);
        return all;
    }

    public static Path file(Path campaign) {
        return campaign.resolve(FOLDER).resolve(FILE);
    }

    void write(Path campaign) {
        Json.write(file(campaign), this);
    }

    /** The submission of the campaign in {@code campaign}; a usage error when it was not run by slurm. */
    public static Submission read(Path campaign) {
        Path f = file(campaign);
        if (!Files.isRegularFile(f)) {
            throw HarnessException.usage(campaign + " is not a campaign submitted to Slurm (no " + FOLDER + "/" + FILE
                    + "); give the campaign folder that `harness run --executor slurm` printed");
        }
        try {
            return Json.read(f, Submission.class);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + f + ": " + e.getMessage());
        }
    }

    public static boolean cancelled(Path campaign) {
        return Files.exists(campaign.resolve(FOLDER).resolve(CANCELLED));
    }
}
