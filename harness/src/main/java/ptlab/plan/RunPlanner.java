package ptlab.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestProviders;
import ptlab.spec.ExperimentSpec;
import ptlab.spec.ImageRef;
import ptlab.spec.Limits;
import ptlab.spec.LoadedSpec;
import ptlab.spec.SpecLoader;
import ptlab.spec.Start;

/** Spec file + defaults + command-line overrides -> one {@link RunPlan}, before anything boots. */
public final class RunPlanner {
    /** Folder of all run folders, under the repository root. */
    public static final String RESULTS_FOLDER = "results";
    /** Length of the time stamp that begins every run id and names a campaign folder. */
    /** A run id's leading stamp, {@code yyyyMMdd-HHmmss}: the second its plan was made. */
    public static final int STAMP_LENGTH = "yyyyMMdd-HHmmss".length();
    /** Run ids start with the plan's instant in UTC, so they sort by time and read the same everywhere. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private RunPlanner() {
    }

    /**
     * Loads and validates the spec, applies the overrides and lays out the matrix of runs.
     *
     * @param specPath the spec file
     * @param repoRoot repository root (see {@link ptlab.files.RepoRoot})
     * @param overrides command-line changes; image paths there are relative to the current folder
     * @param clock gives the plan's instant, which names the runs
     * @throws ptlab.spec.InvalidSpecException when the spec file is not valid
     * @throws HarnessException (usage) when an override is not valid
     */
    public static RunPlan plan(Path specPath, Path repoRoot, Overrides overrides, Clock clock) {
        return plan(specPath, repoRoot, overrides, Execution.LOCAL, clock);
    }

    /** As {@link #plan(Path, Path, Overrides, Clock)}, run by {@code execution} (its resources resolved here). */
    public static RunPlan plan(Path specPath, Path repoRoot, Overrides overrides, Execution execution, Clock clock) {
        return plan(SpecLoader.load(specPath, repoRoot), overrides, clock, Path.of("").toAbsolutePath())
                .withExecution(execution);
    }

    /** As {@link #plan(Path, Path, Overrides, Clock)}, for a spec already loaded. */
    public static RunPlan plan(LoadedSpec loaded, Overrides overrides, Clock clock, Path currentFolder) {
        ExperimentSpec spec = loaded.spec();
        List<ImageRef> images = loaded.images();
        if (overrides.accel() != null) {
            spec = spec.withVm(spec.vm().withAccel(overrides.accel()));
        }
        if (overrides.start() != null) {
            spec = spec.withVm(spec.vm().withStart(overrides.start()));
        }
        if (overrides.backend() != null) {
            spec = spec.withVm(spec.vm().withBackend(overrides.backend()));
        }
        if (overrides.images() != null) {
            images = overrideImages(overrides.images(), currentFolder, loaded.repoRoot());
            // a path from the command line is relative to the current folder, not to the spec's: keep it
            // absolute so the spec inside plan.json means the same recipes
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                String entry = overrides.images().get(i);
                entries.add(ImageRef.isPath(entry) ? images.get(i).recipe().toString() : entry);
            }
            spec = spec.withImages(List.copyOf(entries));
        }
        if (overrides.repetitions() != null) {
            int r = overrides.repetitions();
            if (r < 1 || r > Limits.MAX_REPETITIONS) {
                throw HarnessException.usage("--repetitions must be 1 to " + Limits.MAX_REPETITIONS + ", got " + r);
            }
            spec = spec.withRepetitions(r);
        }
        spec = SubmissionPlanning.apply(loaded, spec, overrides, currentFolder);
        Path experimentDir = loaded.repoRoot().resolve(RESULTS_FOLDER).resolve(spec.experiment());
        boolean campaign = images.size() * spec.repetitions() > 1;
        // folders are named by the second: a run started within the second an earlier one of this experiment
        // began (an interrupted one restarted at once) takes the next second whose folders are free
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        while (taken(experimentDir, STAMP.format(now), campaign, images)) {
            now = now.plusSeconds(1);
        }
        String stamp = STAMP.format(now);
        // several cells make a campaign: its folder holds them all, so one folder is the whole result
        Path cellsDir = campaign ? experimentDir.resolve(stamp) : experimentDir;
        GuestProvider provider = provider(loaded, spec, overrides);
        // vm.cold_boots: the first repetitions boot the kernel, the rest restore the snapshot
        GuestProvider booting = spec.vm().boots(1) ? provider(loaded, spec.withVm(spec.vm().withStart(Start.BOOT)),
                overrides) : provider;
        List<RunUnit> units = new ArrayList<>();
        for (ImageRef image : images) {
            List<Step> steps = StepPlanner.steps(spec, image.name(), provider);
            List<Step> bootSteps = booting == provider ? steps : StepPlanner.steps(spec, image.name(), booting);
            for (int rep = 1; rep <= spec.repetitions(); rep++) {
                String runId = runId(stamp, image.name(), rep);
                units.add(new RunUnit(runId, image.name(), image.recipe(), rep, cellsDir.resolve(runId),
                        spec.vm().boots(rep) ? bootSteps : steps));
            }
        }
        return new RunPlan(RunPlan.VERSION, now.toString(), loaded.file(), loaded.sha256(), loaded.repoRoot(),
                overrides, Execution.LOCAL, spec, units);
    }

    /**
     * The registered guest provider that serves the spec's guest; a backend none serves is an error at the
     * spec's {@code vm.backend} (or at {@code --backend}, when that set it).
     */
    private static GuestProvider provider(LoadedSpec loaded, ExperimentSpec spec, Overrides overrides) {
        try {
            return GuestProviders.installed().forVm(spec.vm());
        } catch (HarnessException e) {
            if (overrides.backend() != null) {
                throw HarnessException.usage("--backend " + overrides.backend() + ": " + e.getMessage());
            }
            throw loaded.invalid("vm.backend", e.getMessage());
        }
    }

    /** {@code 20261124-010203-bookworm-r1}. */
    /** Whether a campaign's folder, or a single run's folder, of this stamp exists already. */
    private static boolean taken(Path experimentDir, String stamp, boolean campaign, List<ImageRef> images) {
        return campaign ? Files.exists(experimentDir.resolve(stamp))
                : images.stream().anyMatch(i -> Files.exists(experimentDir.resolve(runId(stamp, i.name(), 1))));
    }

    public static String runId(Instant instant, String image, int repetition) {
        return runId(STAMP.format(instant), image, repetition);
    }

    /** {@code <stamp>-<image>-r<repetition>}; the stamp may carry more (a grading campaign's student ID). */
    public static String runId(String stamp, String image, int repetition) {
        return stamp + "-" + image + "-r" + repetition;
    }

    private static List<ImageRef> overrideImages(List<String> entries, Path currentFolder, Path repoRoot) {
        if (entries.isEmpty()) {
            throw HarnessException.usage("--image: give at least one image");
        }
        List<ImageRef> refs = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (String entry : entries) {
            ImageRef ref = ImageRef.resolve(entry, currentFolder, repoRoot);
            String before = seen.putIfAbsent(ref.name(), entry);
            if (before != null) {
                throw HarnessException.usage("--image " + entry + ": image '" + ref.name() + "' is already given as "
                        + before);
            }
            String problem = ImageRef.problem(entry, ref, repoRoot);
            if (problem != null) {
                throw HarnessException.usage("--image " + entry + ": " + problem);
            }
            refs.add(ref);
        }
        return refs;
    }
}
