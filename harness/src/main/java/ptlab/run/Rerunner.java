package ptlab.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ptlab.HarnessException;
import ptlab.changes.Baselines;
import ptlab.changes.Reruns;
import ptlab.image.ImageCache;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.plan.RunUnit;
import ptlab.plan.Step;
import ptlab.progress.Progress;

/**
 * Is a change since the baseline real? Before a campaign with a baseline is finished, each image with a called
 * change is run again {@code --reruns} times (from its ready snapshot, like its restored cells) as further cells of
 * the campaign, listed in reruns.json, and the comparison labels each change by what they measured
 * ({@link Reruns}). The grown plan is saved, so {@code harness resume} and {@code harness status} know the reruns.
 * The local executor runs them here; the slurm executor's report job submits them as a second array.
 */
public final class Rerunner {
    /** The campaign's cells: the plan's, and the reruns it grew. */
    record Grown(RunPlan plan, List<RunOrchestrator.UnitResult> results) {
    }

    /**
     * A campaign's plan grown by its reruns.
     *
     * @param plan  the plan with the rerun cells after the campaign's own (saved as the campaign's plan.json)
     * @param extra the rerun cells, in plan order
     */
    public record Growth(RunPlan plan, List<RunUnit> extra) {
        /** The rerun cells' indices in the grown plan. */
        public List<Integer> indices() {
            List<Integer> out = new ArrayList<>();
            for (int i = plan.units().size() - extra.size(); i < plan.units().size(); i++) {
                out.add(i);
            }
            return out;
        }
    }

    private Rerunner() {
    }

    static Grown rerun(RunPlan plan, List<RunOrchestrator.UnitResult> results, Progress progress) {
        Optional<Growth> g = grow(plan, progress);
        if (g.isEmpty()) {
            return new Grown(plan, results);
        }
        List<RunOrchestrator.UnitResult> more = LocalExecutor.runAll(new RunOrchestrator(g.get().plan(),
                ImageCache.defaultCache(), progress), g.get().extra(), plan.execution().jobs());
        List<RunOrchestrator.UnitResult> every = new ArrayList<>(results);
        every.addAll(more);
        return new Grown(g.get().plan(), every);
    }

    /**
     * The reruns a finished campaign needs: none without a baseline, with {@code --reruns 0}, once reruns.json
     * exists (they were grown already), or when nothing was called. Otherwise {@code --reruns} more cells of each
     * image with a called oracle or quantity change, written to reruns.json and the campaign's plan.json.
     */
    public static Optional<Growth> grow(RunPlan plan, Progress progress) {
        String baseline = plan.overrides().baseline();
        int k = plan.overrides().reruns() == null ? 0 : plan.overrides().reruns();
        Path dir = plan.campaignDir().orElse(null);
        if (baseline == null || k == 0 || dir == null || !Reruns.read(dir).reruns().isEmpty()) {
            return Optional.empty();
        }
        Set<String> images;
        try {
            images = Reruns.needed(Baselines.changes(Path.of(baseline), dir));
        } catch (HarnessException e) {
            // the campaign's comparison says why; its cells stand
            progress.note("no reruns: the comparison with the baseline failed: " + e.getMessage());
            return Optional.empty();
        }
        List<RunUnit> extra = new ArrayList<>();
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (String image : images) {
            List<RunUnit> cells = plan.units().stream().filter(u -> u.image().equals(image)).toList();
            if (cells.isEmpty()) {
                continue;
            }
            RunUnit first = cells.get(0);
            // the campaign's last cell restores its snapshot unless every cell boots (vm.cold_boots)
            List<Step> steps = cells.get(cells.size() - 1).steps();
            int last = cells.stream().mapToInt(RunUnit::repetition).max().orElse(0);
            // the stamp, and in a grading campaign the student's ID, stand before the image's name
            String stamp = first.runId().substring(0, first.runId().lastIndexOf("-" + image + "-r"));
            for (int i = 1; i <= k; i++) {
                String id = RunPlanner.runId(stamp, image, last + i);
                extra.add(new RunUnit(id, image, first.recipe(), last + i, dir.resolve(id), steps, first.submission()));
                ids.computeIfAbsent(image, x -> new ArrayList<>()).add(id);
            }
        }
        if (extra.isEmpty()) {
            return Optional.empty();
        }
        List<RunUnit> all = new ArrayList<>(plan.units());
        all.addAll(extra);
        RunPlan grown = new RunPlan(plan.planVersion(), plan.createdAt(), plan.specFile(), plan.specSha256(),
                plan.repoRoot(), plan.overrides(), plan.execution(), plan.spec(), all);
        Reruns.write(dir, new Reruns.Record(ids));
        PlanWriter.write(grown, dir.resolve("plan.json"));
        progress.note("changes since the baseline on " + String.join(", ", ids.keySet()) + ": running " + extra.size()
                + " rerun cell(s) before labelling them");
        return Optional.of(new Growth(grown, List.copyOf(extra)));
    }
}
