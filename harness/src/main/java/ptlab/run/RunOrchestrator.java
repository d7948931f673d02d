package ptlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.guest.Guest;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestProviders;
import ptlab.guest.GuestRequest;
import ptlab.image.Image;
import ptlab.image.ImageBuilder;
import ptlab.image.ImageCache;
import ptlab.image.ImagePackages;
import ptlab.image.RecipeLoader;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.plan.Step;
import ptlab.render.RenderResult;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.StepRecord;
import ptlab.progress.Progress;

/**
 * The lifecycle of one run (a cell of the plan): image -> guest -> steps -> collect -> render ->
 * outcome -> manifest. Whatever happens, what was collected stays in the run folder, and the manifest,
 * written once at the end, says which step failed with its command and exit status.
 */
public final class RunOrchestrator {
    /** The result of one run. */
    public record UnitResult(RunUnit unit, Outcome outcome, String message, RenderResult render) {
    }

    /** Recipe file -> a built image (the image cache in production). */
    public interface ImageSource {
        Image get(Path recipe, Progress progress);
    }

    private final RunPlan plan;
    private final ImageSource images;
    private final Function<String, GuestProvider> providers;
    private final BuildCache buildCache;
    private final RunManifest.HostFacts host;
    private final Clock clock;
    private final Progress progress;

    RunOrchestrator(RunPlan plan, ImageSource images, Function<String, GuestProvider> providers,
            BuildCache buildCache, RunManifest.HostFacts host, Clock clock, Progress progress) {
        this.plan = plan;
        this.images = images;
        this.providers = providers;
        this.buildCache = buildCache;
        this.host = host;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * The real thing: cached images, the registered guest provider each boot step names, the host's build
     * cache, builds where the plan's execution says.
     */
    public RunOrchestrator(RunPlan plan, ImageCache cache, Progress progress) {
        this(plan, (recipe, p) -> new ImageBuilder(cache, p).getOrBuild(RecipeLoader.load(recipe)),
                GuestProviders.installed()::byName, BuildCache.defaultCache(), RunManifest.HostFacts.of(plan.repoRoot()),
                Clock.systemUTC(), progress);
    }

    public UnitResult run(RunUnit unit) {
        Progress p = progress.forCell(unit.runId());
        RunFolder folder = unit.folder();
        RunManifest manifest = new RunManifest(plan, unit, host, clock);
        Outcome outcome = Outcome.PASS;
        String message = "";
        try {
            Files.createDirectories(folder.raw());
            PlanWriter.write(plan, folder.plan());
            execute(unit, manifest, p);
        } catch (HarnessException e) {
            outcome = e.outcome();
            message = e.getMessage();
        } catch (IOException e) {
            outcome = Outcome.INFRA_ERROR;
            message = "cannot write the run folder " + folder.dir() + ": " + e.getMessage();
        }
        RunFinisher.Finished f = RunFinisher.finish(folder, manifest, outcome, message, p);
        return new UnitResult(unit, f.outcome(), f.message(), f.render());
    }

    private void execute(RunUnit unit, RunManifest manifest, Progress p) {
        RunFolder folder = unit.folder();
        long t0 = System.nanoTime();
        p.phase("image " + unit.image());
        Image image = images.get(unit.recipe(), p);
        manifest.image(image);
        ImagePackages.write(image.manifest(), folder.imagePackages());
        manifest.step(StepRecord.ok("image", t0, null, image.dir().toString()));

        Step.Boot boot = (Step.Boot) unit.step(Step.BOOT).orElseThrow();
        var vm = plan.spec().vm();
        GuestProvider.Launch launch = providers.apply(boot.provider()).prepare(new GuestRequest(image, vm.accel(),
                vm.cpus(), vm.memoryMib(), Duration.ofSeconds(boot.timeoutS()), folder.console(), folder.work(), p));
        manifest.guest(launch.info());
        Map<String, String> sources = new java.util.TreeMap<>(GuestSources.stage(plan.repoRoot(), folder.stagedSources()));
        SubmissionStage.Staged staged = null;
        if (plan.spec().submission() != null) {
            ptlab.spec.SubmissionSpec sub = plan.spec().submission();
            staged = SubmissionStage.stage(unit.submission() == null ? sub : new ptlab.spec.SubmissionSpec(unit.submission(),
                    sub.assignment(), sub.parts(), sub.timeLimitS()), folder.stagedSources());
            sources.putAll(staged.hashes());
        }
        manifest.inputs(sources);
        ModuleBuilds moduleBuilds = new ModuleBuilds(buildCache, image, sources, manifest, p, folder,
                plan.execution().builds());
        SubmissionTrials trials = staged == null ? null : new SubmissionTrials(folder, manifest, p, moduleBuilds,
                providers.apply(boot.provider()), image, vm, plan.execution().parts());

        if (trials != null && trials.setupOnHost(unit)) {
            // every build made on the host: the trials' guests are the only ones
            trials.trials(unit, new SubmissionVerdicts(folder.raw("submission"), staged.findings()));
            return;
        }
        t0 = System.nanoTime();
        try (Guest guest = startGuest(launch, boot, manifest, t0)) {
            manifest.step(StepRecord.ok(Step.BOOT, t0, null, guest.info().start().label()));
            manifest.guest(guest.info());
            manifest.bootToSsh(guest.info().bootToReady());
            if (trials != null) {
                trials.setup(unit, guest);
            } else {
                new StepRunner(guest, folder, manifest, p, moduleBuilds).runAll(unit);
            }
        } catch (HarnessException e) {
            if (e.outcome() == Outcome.KERNEL_CRASH) {
                writeQuietly(folder.crash(), e.getMessage());
            }
            throw e;
        }
        if (trials != null) {
            trials.trials(unit, new SubmissionVerdicts(folder.raw("submission"), staged.findings()));
        }
    }

    private static Guest startGuest(GuestProvider.Launch launch, Step.Boot boot, RunManifest manifest, long t0) {
        try {
            return launch.start();
        } catch (HarnessException e) {
            manifest.step(StepRecord.failed(boot.name(), t0, null, null, e.getMessage()));
            throw e;
        }
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            // the message reaches the manifest and the user anyway; the file only repeats it
        }
    }
}
