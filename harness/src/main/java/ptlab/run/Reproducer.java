package ptlab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.Image;
import ptlab.image.ImageBuilder;
import ptlab.image.ImageCache;
import ptlab.image.RecipeLoader;
import ptlab.json.Json;
import ptlab.plan.Overrides;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.render.RenderPipeline;
import ptlab.compare.Reproduction;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;
import ptlab.spec.ImageRef;
import ptlab.spec.ExperimentSpec;
import ptlab.files.Trees;
import ptlab.progress.Progress;

/**
 * {@code harness reproduce}: runs again exactly what a run folder (or the {@code reproduce/} part of a
 * submission tarball) recorded: its spec, the very sources it staged, the same image recipe on this
 * checkout. A different kernel or image is named before anything boots. The new run folder gets
 * reproduction.md, the comparison with the original.
 */
public final class Reproducer {
    /** What a reproduction found. */
    public record Result(Path again, Outcome outcome, Reproduction.Result comparison, List<String> imageDifferences) {
    }

    private Reproducer() {
    }

    /**
     * @param original     a run folder, or an unpacked tarball's reproduce/&lt;run-id&gt;/ (its datasets are the
     *                     original's; a run folder is rendered afresh from raw/ first)
     * @param repoRoot     this checkout: recipes come from its vm-images/, results go to its results/
     * @param allowOtherImage go on when the image differs (kernel, packages or recipe), naming the differences
     */
    public static Result reproduce(Path original, Path repoRoot, Overrides overrides, boolean allowOtherImage,
            ImageCache cache, Progress progress) throws IOException {
        RunFolder orig = new RunFolder(original);
        Manifest m = Manifest.readIfPresent(orig.manifest());
        String experiment = Optional.ofNullable(m.experiment()).orElseThrow(() -> HarnessException.usage(
                orig.manifest() + " is missing or names no experiment: not a run folder"));
        String image = Optional.ofNullable(m.imageName()).orElseThrow(() -> HarnessException.usage(orig.manifest()
                + " names no image: the run never got one, there is nothing to reproduce"));
        Path sources = Files.isDirectory(orig.stagedSources()) ? orig.stagedSources() : original.resolve("src");
        if (!Files.isDirectory(sources.resolve("workloads")) || !Files.isDirectory(sources.resolve("kmod"))) {
            throw HarnessException.usage(original + " has neither work/src nor src with workloads/ and kmod/: the"
                    + " sources it ran are not there");
        }
        if (!Files.isRegularFile(orig.plan())) {
            throw HarnessException.usage(orig.plan() + " is missing: the spec the run followed is not recorded");
        }
        Path recipe = ImageRef.resolve(image, repoRoot, repoRoot).recipe();
        if (!Files.isRegularFile(recipe)) {
            throw HarnessException.usage("the run used image '" + image + "', and " + recipe + " does not exist here");
        }
        progress.phase("reproduce " + Objects.requireNonNullElse(m.runId(), original.toString()) + ": image " + image);
        Image img = new ImageBuilder(cache, progress).getOrBuild(RecipeLoader.load(recipe));
        List<String> diffs = imageDifferences(m, img);
        if (!diffs.isEmpty()) {
            progress.note("the image differs from the original's: " + String.join("; ", diffs));
            if (!allowOtherImage) {
                throw HarnessException.usage("the image differs from the original's (" + String.join("; ", diffs)
                        + "): a reproduction would not run the same kernel and packages; --allow-other-image goes on");
            }
        }
        Path work = Files.createDirectories(repoRoot.resolve(RunPlanner.RESULTS_FOLDER).resolve(experiment))
                .resolve(".reproduce-" + ProcessHandle.current().pid());
        try {
            Path repo = Files.createDirectories(work.resolve("repo"));
            Trees.copy(sources.resolve("workloads"), repo.resolve("workloads"));
            Trees.copy(sources.resolve("kmod"), repo.resolve("kmod"));
            Trees.copy(ImageRef.folder(repoRoot), ImageRef.folder(repo));
            // a student's submission runs again from the very copy the run staged, not from where it once was
            Path submission = Files.isDirectory(sources.resolve("submission")) ? repo.resolve("submission") : null;
            if (submission != null) {
                Trees.copy(sources.resolve("submission"), submission);
            }
            Path spec = writeSpec(orig.plan(), image, submission, repo.resolve("experiments").resolve(experiment + ".yaml"));
            RunPlan plan = RunPlanner.plan(spec, repo, overrides, Clock.systemUTC());
            RunOrchestrator.UnitResult r = new RunOrchestrator(plan, cache, progress).run(plan.units().get(0));
            Path again = repoRoot.resolve(RunPlanner.RESULTS_FOLDER).resolve(experiment)
                    .resolve(Objects.requireNonNullElse(m.runId(), "run") + "-reproduced-" + plan.units().get(0).runId().substring(0, 15));
            Trees.copy(r.unit().outputDir(), again);
            Path originalCopy = work.resolve("original");
            Trees.copy(original, originalCopy);
            if (Files.isDirectory(new RunFolder(originalCopy).raw())) {
                RenderPipeline.render(originalCopy);
            }
            if (r.outcome() != Outcome.PASS && r.outcome() != Outcome.FAIL) {
                return new Result(again, r.outcome(), null, diffs);
            }
            Reproduction.Result cmp = Reproduction.compare(originalCopy, again);
            Files.writeString(again.resolve("reproduction.md"), Reproduction.markdown(cmp, original.toString(),
                    again.toString()) + (diffs.isEmpty() ? "" : "\nImage differences: " + String.join("; ", diffs) + "\n"));
            return new Result(again, cmp.reproduced() && diffs.isEmpty() ? Outcome.PASS : Outcome.FAIL, cmp, diffs);
        } finally {
            Trees.delete(work);
        }
    }

    /** How this host's image of the recipe differs from the one the original ran (empty: the same). */
    static List<String> imageDifferences(Manifest m, Image img) {
        List<String> d = new ArrayList<>();
        String kernel = Objects.requireNonNullElse(m.guestKernel(), "?");
        if (!kernel.equals(img.manifest().kernelRelease())) {
            d.add("kernel " + kernel + " then, " + img.manifest().kernelRelease() + " now");
        }
        Integer packages = m.image() == null ? null : m.image().packages();
        if (packages == null || packages != img.manifest().packages().size()) {
            d.add((packages == null ? "?" : packages) + " packages then, " + img.manifest().packages().size() + " now");
        }
        String key = m.image() == null || m.image().cacheKey() == null ? "?" : m.image().cacheKey();
        if (!key.equals(img.manifest().cacheKey())) {
            d.add("image " + key + " then, " + img.manifest().cacheKey() + " now (recipe or builder changed)");
        }
        return d;
    }

    /** The spec of plan.json as YAML, on one image and one repetition. */
    private static Path writeSpec(Path planJson, String image, Path submission, Path out) throws IOException {
        ExperimentSpec spec = PlanWriter.read(planJson).spec().withImages(List.of(image)).withRepetitions(1);
        if (submission != null && spec.submission() != null) {
            spec = spec.withSubmission(new ptlab.spec.SubmissionSpec(submission.toString(), spec.submission().assignment(),
                    spec.submission().parts(), spec.submission().timeLimitS()));
        }
        Files.createDirectories(out.getParent());
        // the spec's JSON form (the keys and "2G" sizes it reads back with), written as YAML for the planner
        new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                .writeValue(out.toFile(), Json.mapper().valueToTree(spec));
        return out;
    }
}
