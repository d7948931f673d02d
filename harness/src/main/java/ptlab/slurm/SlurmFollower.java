package ptlab.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.plan.PlanWriter;
import ptlab.run.Campaign;
import ptlab.run.CellTask;
import ptlab.progress.Progress;
import ptlab.host.Sleep;
import ptlab.files.Trees;

/** Follows a submitted campaign to its end ({@code --wait}), and cancels one ({@code harness cancel}). */
public final class SlurmFollower {
    private static final String INTERRUPTED = "interrupted while following the campaign; it goes on: see `harness status`";

    private SlurmFollower() {
    }

    /**
     * Polls until the scheduler is done with every job of the campaign, reporting each cell's changes,
     * then returns the campaign's outcome (from campaign.json, assembled here if the report job made none).
     */
    public static Campaign.Finished follow(Path campaign, Duration poll, Progress progress) {
        Map<Integer, String> last = new HashMap<>();
        while (true) {
            // the report job may submit reruns (a new submission) just before it ends: the campaign has ended
            // only when the submission this snapshot was taken of is still the current one
            Submission round = Submission.read(campaign);
            CampaignStatus.Snapshot snap = CampaignStatus.of(campaign, round, Slurm.queue(round.jobs()));
            for (CampaignStatus.Cell c : snap.cells()) {
                String now = c.state() + " " + c.detail();
                if (!now.equals(last.put(c.index(), now))) {
                    progress.forCell(c.runId()).phase(c.state().name().toLowerCase(java.util.Locale.ROOT)
                            + (c.detail().isEmpty() ? "" : " " + c.detail()));
                }
            }
            if (!snap.active() && round.reportJob().equals(Submission.read(campaign).reportJob())) {
                break;
            }
            progress.detail(snap.count(CampaignStatus.State.DONE) + "/" + snap.cells().size() + " cells done, "
                    + snap.count(CampaignStatus.State.RUNNING) + " running, " + snap.count(CampaignStatus.State.PENDING)
                    + " pending");
            Sleep.sleep(poll, INTERRUPTED);
        }
        // the report job assembled it, unless it was cancelled or failed: then assemble it here
        return Campaign.assemble(PlanWriter.read(Submission.read(campaign).plan()), Submission.cancelled(campaign));
    }

    /**
     * Cancels every job of the campaign, waits until the scheduler has stopped them (a cell task gets
     * SIGTERM and stops its guest), removes the staged, unpublished cells and assembles what completed.
     */
    public static Campaign.Finished cancel(Path campaign, Duration patience, Progress progress) {
        Submission s = Submission.read(campaign);
        try {
            Files.writeString(campaign.resolve(Submission.FOLDER).resolve(Submission.CANCELLED),
                    java.time.Instant.now() + "\n");
        } catch (IOException e) {
            throw HarnessException.infra("cannot mark " + campaign + " cancelled: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Slurm.cancel(s.jobs());
            while (Slurm.queue(s.jobs()).stream().anyMatch(Slurm.Entry::active)) {
                if (System.nanoTime() > deadline) {
                    throw new HarnessException(Outcome.INFRA_ERROR, "the jobs of " + campaign + " were cancelled but"
                            + " are still ending after " + patience.toSeconds() + " s; run `harness cancel` again later");
                }
                progress.detail("waiting for the cancelled tasks to stop");
                Sleep.sleep(Duration.ofSeconds(1), INTERRUPTED);
            }
            // a report job stopped while it submitted the reruns may have left a new round: cancel that one too
            Submission now = Submission.read(campaign);
            if (now.reportJob().equals(s.reportJob())) {
                break;
            }
            s = now;
        }
        Path staging = campaign.resolve(CellTask.STAGING);
        try {
            if (Files.exists(staging)) {
                Trees.delete(staging);
            }
        } catch (IOException e) {
            throw HarnessException.infra("cannot remove the unpublished cells in " + staging + ": " + e.getMessage(), e);
        }
        return Campaign.assemble(PlanWriter.read(s.plan()), true);
    }
}
