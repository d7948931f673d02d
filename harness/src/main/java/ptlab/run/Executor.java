package ptlab.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ptlab.plan.RunPlan;
import ptlab.progress.Progress;

/**
 * Runs a plan's cells somewhere: this machine, a Slurm cluster, or whatever registers next (one class and
 * one line in {@code META-INF/services/ptlab.run.Executor}, found by {@link Executors}). Every choice
 * that shapes a cell is in the plan ({@link ptlab.plan.Execution}); an executor only places the cells and
 * follows them. On the cell side the executor tells a cell task who it is ({@link #attempt}).
 */
public interface Executor {
    /** The name {@code --executor} and plan.json's execution give: {@code local}, {@code slurm}. */
    String name();

    /**
     * Whether {@link #submit} runs the cells in this process and returns once they ended (so there is
     * nothing to wait for and {@code --wait} means nothing), rather than handing them to a scheduler.
     */
    boolean runsCellsHere();

    /**
     * Starts every cell of {@code plan}. An executor that runs cells in this process returns once they
     * ended, with their results; one that hands them to a scheduler returns once they are submitted.
     */
    Started submit(RunPlan plan, Progress progress);

    /** Follows started cells to their end and assembles the campaign; empty for a single run. */
    Optional<Campaign.Finished> follow(Started started, Progress progress);

    /** Stops a campaign this executor started, keeps what completed and assembles it. */
    Campaign.Finished cancel(Path campaign, Duration patience, Progress progress);

    /** Starts again the cells of a campaign that have no result yet (never ran, failed early, cancelled). */
    Started resume(Path campaign, Progress progress);

    /** The attempt of the cell task running in this process, from what this executor gave it. */
    CellTask.Attempt attempt(Map<String, String> environment, String hostname);

    /**
     * What {@link #submit} started.
     *
     * @param plan the plan as submitted (a campaign's plan when the executor needs a campaign folder)
     * @param results the cells' results when they ran in this process, in plan order; empty otherwise
     * @param lines what the user should know of the submission (job ids, where to follow it)
     */
    record Started(RunPlan plan, List<RunOrchestrator.UnitResult> results, List<String> lines) {
        public Started {
            results = List.copyOf(results);
            lines = List.copyOf(lines);
        }
    }
}
