package ptlab.slurm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ptlab.HarnessException;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.runfolder.CellRecord;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;

/**
 * Where each cell of a Slurm campaign stands, from the run folders (a published folder is the truth)
 * and from what squeue still knows of the array.
 */
public final class CampaignStatus {
    /** A cell's state. */
    public enum State {
        PENDING, RUNNING, DONE, FAILED, CANCELLED, NO_RESULT
    }

    /**
     * One cell.
     *
     * @param index array task id = position in the plan
     * @param runId the cell's run id
     * @param state where it stands
     * @param detail the outcome when done (PASS, FAIL, ...), the node when running, why it waits when
     *     pending, the scheduler's state when it failed
     * @param restarts how often Slurm requeued it (from cell.json once done, else from squeue)
     */
    public record Cell(int index, String runId, State state, String detail, int restarts) {
        /** One line for people: {@code bookworm-r1  DONE PASS}. */
        public String line() {
            return String.format("%-40s %-9s %s%s", runId, state, detail, restarts > 0 ? " (requeued " + restarts + "x)" : "");
        }
    }

    /** The whole campaign: its cells and whether the scheduler is still working on it. */
    public record Snapshot(List<Cell> cells, boolean active) {
        public long count(State s) {
            return cells.stream().filter(c -> c.state() == s).count();
        }
    }

    private CampaignStatus() {
    }

    /** Asks squeue and reads the run folders. */
    public static Snapshot of(Path campaign) {
        Submission s = Submission.read(campaign);
        return of(campaign, s, Slurm.queue(s.jobs()));
    }

    /** From a given squeue answer (for tests: real captured squeue output). */
    static Snapshot of(Path campaign, Submission s, List<Slurm.Entry> queue) {
        RunPlan plan = PlanWriter.read(s.plan());
        boolean cancelled = Submission.cancelled(campaign);
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < plan.units().size(); i++) {
            cells.add(cell(i, plan.units().get(i), s, queue, cancelled));
        }
        boolean active = queue.stream().anyMatch(Slurm.Entry::active);
        return new Snapshot(List.copyOf(cells), active);
    }

    private static Cell cell(int i, RunUnit u, Submission s, List<Slurm.Entry> queue, boolean cancelled) {
        RunFolder f = u.folder();
        if (Files.isRegularFile(f.manifest())) {
            String outcome = Manifest.read(f.manifest()).recordedOutcome().map(Enum::name).orElse("?");
            return new Cell(i, u.runId(), State.DONE, outcome, restarts(f.cell()));
        }
        Optional<Slurm.Entry> e = queue.stream()
                .filter(q -> q.jobId().equals(s.arrayJob()) && q.taskId().equals(Optional.of(i))).findFirst();
        if (e.isPresent()) {
            Slurm.Entry q = e.get();
            if (q.state().equals("PENDING") || q.state().startsWith("REQUEUE") || q.state().equals("CONFIGURING")) {
                return new Cell(i, u.runId(), State.PENDING, q.where(), 0);
            }
            if (q.active()) {
                return new Cell(i, u.runId(), State.RUNNING, q.state().equals("RUNNING") ? "on " + q.where()
                        : q.state() + " on " + q.where(), 0);
            }
            if (q.state().equals("CANCELLED") || cancelled) {
                return new Cell(i, u.runId(), State.CANCELLED, "", 0);
            }
            return new Cell(i, u.runId(), State.FAILED, "task ended " + q.state() + " without a result; see slurm/cell-"
                    + i + ".out", 0);
        }
        if (cancelled) {
            return new Cell(i, u.runId(), State.CANCELLED, "", 0);
        }
        return new Cell(i, u.runId(), State.NO_RESULT, "no run folder, and the scheduler no longer knows the task;"
                + " see slurm/cell-" + i + ".out", 0);
    }

    private static int restarts(Path cellJson) {
        if (!Files.isRegularFile(cellJson)) {
            return 0;
        }
        try {
            return CellRecord.read(cellJson).restartCount();
        } catch (HarnessException e) {
            // a cell.json that does not read leaves the cell done; only the requeue count is unknown
            return 0;
        }
    }
}
