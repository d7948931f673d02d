package ptlab.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ptlab.HarnessException;
import ptlab.changes.Reruns;
import ptlab.image.ImageCache;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.progress.Progress;
import ptlab.run.Rerunner;

/**
 * A campaign's later rounds on Slurm, each a new array and report job with the earlier submission kept as
 * slurm/submission-&lt;array job&gt;.json: {@code harness resume} submits the cells that left no run folder, and the
 * report job of a campaign with a baseline submits the reruns its changes need.
 */
public final class Rounds {
    private Rounds() {
    }

    /**
     * Submits again the cells of a campaign that have no run folder (never ran, failed before publishing,
     * cancelled), with the resources they asked for the first time, and a new assembly job. The earlier
     * submission is kept as slurm/submission-&lt;array job&gt;.json.
     */
    static Submission resume(Path campaign, SlurmExecutor.Harness harness, ImageCache cache, Progress progress) {
        Submission old = Submission.read(campaign);
        if (Slurm.queue(old.jobs()).stream().anyMatch(Slurm.Entry::active)) {
            throw HarnessException.usage("the campaign " + campaign + " is still running (jobs " + old.jobs()
                    + "); wait for it or `harness cancel` it first");
        }
        RunPlan plan = PlanWriter.read(old.plan());
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < plan.units().size(); i++) {
            if (!Files.isRegularFile(plan.units().get(i).folder().manifest())) {
                todo.add(i);
            }
        }
        if (todo.isEmpty()) {
            throw HarnessException.usage("every cell of " + campaign + " has a result; nothing to resume");
        }
        Path slurm = campaign.resolve(Submission.FOLDER);
        keep(campaign, old);
        try {
            Files.deleteIfExists(slurm.resolve(Submission.CANCELLED));
            Path staging = campaign.resolve(ptlab.run.CellTask.STAGING);
            if (Files.exists(staging)) {
                ptlab.files.Trees.delete(staging);
            }
        } catch (IOException e) {
            throw HarnessException.infra("cannot prepare " + campaign + " for resuming: " + e.getMessage(), e);
        }
        progress.note("resubmitting " + todo.size() + " of " + plan.units().size() + " cells: array tasks " + todo);
        return SlurmExecutor.submitCells(plan, old.plan(), todo, old.options(), harness, cache, progress);
    }

    /**
     * The report job's first round on a campaign with a baseline: submits the cells {@link Rerunner} grew as a second
     * array, and another report job after it; the earlier submission is kept as slurm/submission-&lt;array job&gt;.json.
     * Empty when no rerun is needed: then the campaign is assembled now.
     */
    public static Optional<Submission> submitReruns(Path campaign, Progress progress) {
        Submission old = Submission.read(campaign);
        RunPlan before = PlanWriter.read(old.plan());
        Optional<Rerunner.Growth> g = Rerunner.grow(before, progress);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        keep(campaign, old);
        RunPlan plan = g.get().plan();
        try {
            return Optional.of(SlurmExecutor.submitCells(plan, old.plan(), g.get().indices(), old.options(),
                    SlurmExecutor.Harness.current(plan.repoRoot()), ImageCache.defaultCache(), progress));
        } catch (HarnessException e) {
            // the campaign is assembled as it stands, its changes labelled without reruns, not left half-grown
            try {
                PlanWriter.write(before, old.plan());
                Files.deleteIfExists(campaign.resolve(Reruns.FILE));
                // submission.json is still the first round's: the copy kept for the second round goes
                Files.deleteIfExists(kept(campaign, old));
            } catch (IOException io) {
                e.addSuppressed(io);
                throw e;
            }
            progress.note("the reruns could not be submitted (" + e.getMessage() + "): the changes are labelled"
                    + " without them");
            return Optional.empty();
        }
    }

    private static Path kept(Path campaign, Submission old) {
        return campaign.resolve(Submission.FOLDER).resolve("submission-" + old.arrayJob() + ".json");
    }

    /**
     * Keeps a submission as slurm/submission-&lt;array job&gt;.json before the next one replaces it. A copy, not a
     * move: {@code --wait}, {@code status} and {@code cancel} read submission.json at any moment, and the next one
     * replaces it atomically once its jobs are submitted.
     */
    private static void keep(Path campaign, Submission old) {
        try {
            Files.copy(Submission.file(campaign), kept(campaign, old), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw HarnessException.infra("cannot keep the submission of " + campaign + ": " + e.getMessage(), e);
        }
    }
}
