package ptlab.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ptlab.HarnessException;
import ptlab.changes.Baselines;
import ptlab.changes.Reruns;
import ptlab.image.ImageCache;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.plan.RunUnit;
import ptlab.progress.Progress;

/**
 * Is a change since the baseline real? Before a campaign with a baseline is finished, each image with a called
 * change is run again {@code --reruns} times (from its ready snapshot, like its first cells) as further cells of
 * the campaign, listed in reruns.json, and the comparison labels each change by what they measured
 * ({@link Reruns}). The extended plan is saved, so {@code harness resume} knows the reruns.
 */
final class Rerunner {
    /** The campaign's cells: the plan's, and the reruns it grew. */
    record Grown(RunPlan plan, List<RunOrchestrator.UnitResult> results) {
    }

    private Rerunner() {
    }

    static Grown rerun(RunPlan plan, List<RunOrchestrator.UnitResult> results, Progress progress) {
        String baseline = plan.overrides().baseline();
        int k = plan.overrides().reruns() == null ? 0 : plan.overrides().reruns();
        Path dir = plan.campaignDir().orElse(null);
        if (baseline == null || k == 0 || dir == null || !Reruns.read(dir).reruns().isEmpty()) {
            return new Grown(plan, results);
        }
        Set<String> images;
        try {
            images = Reruns.needed(Baselines.changes(Path.of(baseline), dir));
        } catch (HarnessException e) {
            // the campaign's comparison says why; its cells stand
            progress.note("no reruns: the comparison with the baseline failed: " + e.getMessage());
            return new Grown(plan, results);
        }
        if (images.isEmpty()) {
            return new Grown(plan, results);
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
            List<ptlab.plan.Step> steps = cells.get(cells.size() - 1).steps();
            int last = cells.stream().mapToInt(RunUnit::repetition).max().orElse(0);
            // the stamp, and in a grading campaign the student's ID, stand before the image's name
            String stamp = first.runId().substring(0, first.runId().lastIndexOf("-" + image + "-r"));
            for (int i = 1; i <= k; i++) {
                String id = RunPlanner.runId(stamp, image, last + i);
                extra.add(new RunUnit(id, image, first.recipe(), last + i, dir.resolve(id), steps,
                        first.submission()));
                ids.computeIfAbsent(image, x -> new ArrayList<>()).add(id);
            }
        }
        List<RunUnit> all = new ArrayList<>(plan.units());
        all.addAll(extra);
        RunPlan grown = new RunPlan(plan.planVersion(), plan.createdAt(), plan.specFile(), plan.specSha256(),
                plan.repoRoot(), plan.overrides(), plan.execution(), plan.spec(), all);
        Reruns.write(dir, new Reruns.Record(ids));
        PlanWriter.write(grown, dir.resolve("plan.json"));
        progress.note("changes since the baseline on " + String.join(", ", ids.keySet()) + ": running " + extra.size()
                + " rerun cell(s) before labelling them");
        List<RunOrchestrator.UnitResult> more = LocalExecutor.runAll(new RunOrchestrator(grown, ImageCache.defaultCache(),
                progress), extra, plan.execution().jobs());
        List<RunOrchestrator.UnitResult> every = new ArrayList<>(results);
        every.addAll(more);
        return new Grown(grown, every);
    }
}
