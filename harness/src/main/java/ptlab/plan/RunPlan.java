package ptlab.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import ptlab.spec.ExperimentSpec;

/**
 * Everything a {@code harness run} will do, decided before anything boots and saved as plan.json.
 *
 * @param planVersion version of the plan.json format; {@value #VERSION}
 * @param createdAt when the plan was made, ISO-8601 UTC to the second; the run ids carry the same instant
 * @param specFile absolute path of the spec file
 * @param specSha256 hex sha256 of the spec file's bytes
 * @param repoRoot absolute repository root: vm-images/, kmod/, workloads/ and results/ are under it
 * @param overrides what the command line changed
 * @param execution where the cells run and where they build; plans of version 2 read as
 *     {@link Execution#LOCAL}
 * @param spec the spec with every default filled in and the overrides applied
 * @param units the matrix, images outermost then repetitions: bookworm-r1, bookworm-r2, trixie-r1, ...
 */
public record RunPlan(int planVersion, String createdAt, Path specFile, String specSha256, Path repoRoot,
        Overrides overrides, Execution execution, ExperimentSpec spec, List<RunUnit> units) {
    /**
     * 3: the execution (executor, jobs, build location, cell resources) is part of the plan; 2: typed steps
     * carrying their guest commands, boot names its guest provider.
     */
    public static final int VERSION = 3;

    public RunPlan {
        units = List.copyOf(units);
        execution = execution == null ? Execution.LOCAL : execution;
    }

    /** This plan run by {@code newExecution} (the cell resources resolved against this plan). */
    public RunPlan withExecution(Execution newExecution) {
        CellResources r = newExecution.resources() == null ? null : newExecution.resources().resolve(this);
        return new RunPlan(planVersion, createdAt, specFile, specSha256, repoRoot, overrides,
                new Execution(newExecution.executor(), newExecution.jobs(), newExecution.builds(), r,
                newExecution.partsAtOnce()), spec, units);
    }

    /** The run with this id, if the plan has it. */
    public Optional<RunUnit> unit(String runId) {
        return units.stream().filter(u -> u.runId().equals(runId)).findFirst();
    }

    /**
     * The campaign folder {@code results/<experiment>/<yyyyMMdd-HHmmss>/} holding every cell's run folder
     * and the campaign report, when the plan has several cells (or was made one by {@link #asCampaign});
     * empty for a single run, whose folder is directly under results/&lt;experiment&gt;/.
     */
    public Optional<Path> campaignDir() {
        Path parent = units.get(0).outputDir().getParent();
        return parent.equals(experimentDir()) ? Optional.empty() : Optional.of(parent);
    }

    /**
     * This plan with its cells in a campaign folder even when there is only one (the slurm executor needs
     * the campaign folder for its job files, its staging folder and the campaign report).
     */
    public RunPlan asCampaign() {
        if (campaignDir().isPresent()) {
            return this;
        }
        RunUnit only = units.get(0);
        Path dir = experimentDir().resolve(only.runId().substring(0, RunPlanner.STAMP_LENGTH));
        return new RunPlan(planVersion, createdAt, specFile, specSha256, repoRoot, overrides, execution, spec,
                units.stream().map(u -> u.withOutputDir(dir.resolve(u.runId()))).toList());
    }

    /** results/&lt;experiment&gt;/ under the repository root. */
    public Path experimentDir() {
        return repoRoot.resolve(RunPlanner.RESULTS_FOLDER).resolve(spec.experiment());
    }
}
