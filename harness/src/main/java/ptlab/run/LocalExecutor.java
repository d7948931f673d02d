package ptlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.ImageCache;
import ptlab.runfolder.Manifest;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.progress.Progress;
import ptlab.files.Trees;

/**
 * Runs every cell of a plan in this process, the plan's {@code jobs} guests at a time; results come back
 * in plan order. Cells share nothing but the read-only base images and the caches, which lock themselves.
 * A campaign's plan is saved in its folder first, so {@code harness resume} can run its missing cells.
 */
public final class LocalExecutor implements Executor {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean runsCellsHere() {
        return true;
    }

    @Override
    public Started submit(RunPlan plan, Progress progress) {
        plan.campaignDir().ifPresent(dir -> PlanWriter.write(plan, dir.resolve("plan.json")));
        return new Started(plan, runAll(new RunOrchestrator(plan, ImageCache.defaultCache(), progress), plan.units(),
                plan.execution().jobs()), List.of());
    }

    @Override
    public Optional<Campaign.Finished> follow(Started started, Progress progress) {
        if (started.plan().campaignDir().isEmpty()) {
            return Optional.empty();
        }
        if (started.results().size() != started.plan().units().size()) {
            progress.phase("campaign report over " + started.plan().units().size() + " cells");
            return Optional.of(Campaign.assemble(started.plan(), false));
        }
        Rerunner.Grown g = Rerunner.rerun(started.plan(), started.results(), progress);
        progress.phase("campaign report over " + g.plan().units().size() + " cells");
        return Optional.of(Campaign.finish(g.plan(), g.results()));
    }

    @Override
    public Campaign.Finished cancel(Path campaign, Duration patience, Progress progress) {
        throw HarnessException.usage(campaign + " runs on the local executor, inside the harness that started it:"
                + " stop it there (Ctrl-C); its completed cells stay, and `harness resume` runs the rest");
    }

    @Override
    public Started resume(Path campaign, Progress progress) {
        RunPlan plan = PlanWriter.read(campaign.resolve("plan.json"));
        List<RunUnit> todo = plan.units().stream().filter(LocalExecutor::unfinished).toList();
        if (todo.isEmpty()) {
            throw HarnessException.usage("every cell of " + campaign + " has a result; nothing to resume");
        }
        for (RunUnit u : todo) {
            try {
                if (Files.exists(u.outputDir())) {
                    Trees.delete(u.outputDir());
                }
            } catch (IOException e) {
                throw HarnessException.infra("cannot clear the interrupted cell " + u.outputDir() + ": "
                        + e.getMessage(), e);
            }
        }
        progress.note("running " + todo.size() + " of " + plan.units().size() + " cells again here");
        runAll(new RunOrchestrator(plan, ImageCache.defaultCache(), progress), todo, plan.execution().jobs());
        // the campaign is assembled from every cell's run folder, the earlier ones included
        return new Started(plan, List.of(), List.of());
    }

    /** A cell with no manifest, or one that was interrupted: it has no result yet. */
    private static boolean unfinished(RunUnit u) {
        Path m = u.folder().manifest();
        return !Files.isRegularFile(m) || Manifest.read(m).recordedOutcome().orElse(Outcome.INTERRUPTED)
                == Outcome.INTERRUPTED;
    }

    @Override
    public CellTask.Attempt attempt(Map<String, String> environment, String hostname) {
        return new CellTask.Attempt(NAME, "", hostname, 0);
    }

    /** Runs {@code units}, {@code jobs} at a time, and returns their results in the order given. */
    public static List<RunOrchestrator.UnitResult> runAll(RunOrchestrator orchestrator, List<RunUnit> units,
            int jobs) {
        return AtOnce.run(units.stream().map(u -> (java.util.concurrent.Callable<RunOrchestrator.UnitResult>)
                () -> orchestrator.run(u)).toList(), jobs);
    }
}
