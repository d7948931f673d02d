package ptlab.run;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.ImageCache;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.runfolder.CellRecord;
import ptlab.runfolder.Manifest;
import ptlab.progress.Progress;
import ptlab.files.Trees;

/**
 * One cell of a campaign's saved plan, run where a scheduler placed it (a Slurm array task). The cell
 * runs in a staging folder, {@code .partial/<run-id>.<attempt>/} in the campaign folder, which is renamed
 * to the cell's run folder only once complete: a task that dies, is cancelled or is requeued never
 * leaves half a run folder, and a requeued task that finds its cell already published does not run it
 * twice. cell.json in the run folder records the attempt (job, node, restart count).
 */
public final class CellTask {
    /** The staging folder of unpublished cells, inside the campaign folder. */
    public static final String STAGING = ".partial";

    /**
     * Who runs the cell, as its executor tells it ({@link Executor#attempt}).
     *
     * @param executor the executor's name: {@code slurm} or {@code local}
     * @param jobId the scheduler's id of this task, e.g. {@code 1234_5}; empty when run by hand
     * @param node the host it runs on
     * @param restartCount how often the scheduler restarted this task
     */
    public record Attempt(String executor, String jobId, String node, int restartCount) {
        String tag() {
            return (jobId.isEmpty() ? "manual-" + ProcessHandle.current().pid() : jobId) + ".r" + restartCount;
        }
    }

    /** How the task ended: the cell's outcome, and whether this attempt published it. */
    public record Result(String runId, Outcome outcome, String message, boolean published, Path folder) {
    }

    private CellTask() {
    }

    /**
     * Runs cell {@code index} (0-based, plan order) of the plan in {@code planFile}, exactly as the plan says
     * (its guest provider, accelerator and build location), whichever node it lands on.
     */
    public static Result run(Path planFile, int index, Attempt attempt, Progress progress) {
        RunPlan plan = PlanWriter.read(planFile);
        if (index < 0 || index >= plan.units().size()) {
            throw HarnessException.usage("cell index " + index + " is outside the plan " + planFile + ", which has "
                    + plan.units().size() + " cells (0 to " + (plan.units().size() - 1) + ")");
        }
        RunUnit unit = plan.units().get(index);
        Path campaign = plan.campaignDir().orElseThrow(() -> HarnessException.usage("the plan " + planFile
                + " is not a campaign's: a cell task runs one cell of a campaign"));
        Optional<Result> done = published(unit);
        if (done.isPresent()) {
            progress.forCell(unit.runId()).note("already complete in " + unit.outputDir() + "; not run again");
            return done.get();
        }
        Path staging = campaign.resolve(STAGING).resolve(unit.runId() + "." + attempt.tag());
        try {
            if (Files.exists(staging)) {
                Trees.delete(staging);
            }
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw HarnessException.infra("cannot make the staging folder " + staging + ": " + e.getMessage(), e);
        }
        String startedAt = Instant.now().toString();
        RunOrchestrator.UnitResult r = new RunOrchestrator(plan, ImageCache.defaultCache(), progress)
                .run(unit.withOutputDir(staging));
        if (r.outcome() == Outcome.INTERRUPTED) {
            // a cancelled or preempted cell is not a result: it stays staged, and a requeue runs it again
            return new Result(unit.runId(), r.outcome(), r.message(), false, staging);
        }
        writeCellJson(staging.resolve(ptlab.runfolder.RunFolder.CELL), unit, attempt, startedAt);
        Result published = publish(unit, staging, r);
        try {
            Files.deleteIfExists(staging.getParent());
        } catch (DirectoryNotEmptyException e) {
            // other cells are still staged there
        } catch (IOException e) {
            progress.forCell(unit.runId()).note("cannot remove the empty " + staging.getParent() + ": " + e.getMessage());
        }
        return published;
    }

    private static Result publish(RunUnit unit, Path staging, RunOrchestrator.UnitResult r) {
        Path target = unit.outputDir();
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return new Result(unit.runId(), r.outcome(), r.message(), true, target);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another attempt of the same cell published first: keep its folder, the cell exists once
            Result first = published(unit).orElseThrow(() -> HarnessException.infra("the run folder " + target
                    + " exists but has no manifest.json; it was not made by a cell task", e));
            try {
                Trees.delete(staging);
            } catch (IOException ex) {
                throw HarnessException.infra("cannot remove the duplicate attempt " + staging + ": " + ex.getMessage(), ex);
            }
            return new Result(first.runId(), first.outcome(), first.message(), false, target);
        } catch (IOException e) {
            throw HarnessException.infra("cannot publish " + staging + " as " + target + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Result> published(RunUnit unit) {
        Path manifest = unit.folder().manifest();
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        var m = Manifest.read(manifest);
        return Optional.of(new Result(unit.runId(), m.recordedOutcome().orElse(Outcome.INFRA_ERROR), m.message(), false, unit.outputDir()));
    }

    private static void writeCellJson(Path file, RunUnit unit, Attempt attempt, String startedAt) {
        new CellRecord(unit.runId(), attempt.executor(), attempt.jobId(), attempt.node(), attempt.restartCount(),
                startedAt, Instant.now().toString()).write(file);
    }
}
