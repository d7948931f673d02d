package ptlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.Outcome;
import ptlab.image.ImageCache;
import ptlab.image.RecipeLoader;
import ptlab.guest.GuestProviders;
import ptlab.plan.Builds;
import ptlab.plan.Execution;
import ptlab.plan.Overrides;
import ptlab.plan.PlanPrinter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.plan.RunUnit;
import ptlab.plan.Step;
import ptlab.run.Campaign;
import ptlab.run.Executor;
import ptlab.run.Executors;
import ptlab.run.LocalExecutor;
import ptlab.run.RunOrchestrator;
import ptlab.spec.Accel;
import ptlab.spec.Backend;
import ptlab.spec.Start;
import ptlab.progress.Progress;
import ptlab.files.RepoRoot;

/** {@code harness run <spec>}: the main job. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment spec end to end: image, boot, build, workloads, collect, figures, report.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "Experiment spec, e.g. experiments/part2.yaml.")
    Path specFile;

    @Option(names = "--accel", converter = AccelConverter.class,
            description = "Override the spec's accelerator: auto, kvm or tcg.")
    Accel accel;

    @Option(names = "--image", split = ",", description = "Override the spec's images (comma separated recipe names).")
    List<String> images;

    @Option(names = "--repetitions", description = "Override the spec's repetitions.")
    Integer repetitions;

    @Option(names = "--jobs", defaultValue = "1",
            description = "Guests to run at once for a matrix (default: ${DEFAULT-VALUE}); each takes the spec's vCPUs.")
    int jobs;

    @Option(names = "--backend", converter = BackendConverter.class,
            description = "Override the spec's guest backend: qemu (the harness's QEMU) or vagrant (vagrant up with"
                    + " the libvirt provider; set PTLAB_VAGRANT_WRAPPER to run it in a namespace, see README).")
    Backend backend;

    @Option(names = "--cold-boot", description = "Boot each guest instead of restoring a ready snapshot"
            + " (vm.start: boot): repetitions become independent samples of the boot.")
    boolean coldBoot;

    @Option(names = "--build-in-guest", description = "Build modules and programs in the guest, not natively in"
            + " the image's userspace on the host (both give the same bytes; native is about 15x faster under TCG).")
    boolean buildInGuest;

    @Option(names = "--submission", paramLabel = "PATH", description = "Run a student's implementation (a folder,"
            + " .tar.gz, .tgz or .zip) in place of the project's own kmod/ and workloads/: built with its own Makefile"
            + " (sandboxed), each part in a fresh guest, judged through the assignment's interfaces. See `harness"
            + " submission inspect`.")
    String submission;

    @Option(names = "--parts-at-once", paramLabel = "N", defaultValue = "1", description = "With --submission: run N of"
            + " the submission's parts at once, each in its own guest (default: ${DEFAULT-VALUE}); 2 took a quick Part 1"
            + " and 2 run from 136 s to 91 s on a 2-core host (TCG).")
    int partsAtOnce;

    @Option(names = "--part", paramLabel = "NAME=PATH", description = "With --submission: take part NAME only from"
            + " PATH inside the submission (settles an ambiguous part). Repeatable.")
    List<String> parts;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the JUnit XML of the run (or the merged one of a campaign) to FILE, for CI.")
    Path junit;

    @Option(names = "--baseline", paramLabel = "DIR|TARBALL", description = "Compare the campaign with a baseline: an"
            + " earlier campaign's folder, a folder of run folders, or either packed (.tar.gz, .tgz, .zip). Writes"
            + " changes.json, changes.md and changes-junit.xml in the campaign folder and puts the changes first in"
            + " its report; a called change fails the campaign (exit 1).")
    Path baseline;

    @Option(names = "--reruns", paramLabel = "K", description = "With --baseline: run each image with a called change"
            + " K more times from its ready snapshot, as cells of the campaign, before labelling the change regression,"
            + " flaky or fixed (default: " + Overrides.RERUNS + "; 0: none). The local executor runs them; on Slurm the"
            + " report job submits them as a second array.")
    Integer reruns;

    @Option(names = "--dry-run", description = "Print the plan and the QEMU command line; boot nothing.")
    boolean dryRun;

    @Option(names = "--executor", defaultValue = LocalExecutor.NAME, description = "Where the cells run: local (this"
            + " machine, --jobs at a time) or slurm (one array task per cell, then a job that assembles the campaign;"
            + " returns once submitted unless --wait). Default: ${DEFAULT-VALUE}.")
    String executor;

    @Option(names = "--wait", description = "With --executor slurm: follow the campaign until it ends and exit with"
            + " the worst outcome.")
    boolean await;

    @picocli.CommandLine.Mixin
    SlurmMixin slurm;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (jobs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + jobs);
        }
        Executor ex = Executors.byName(executor);
        boolean local = ex.runsCellsHere();
        if (local && await) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--wait is for --executor slurm;"
                    + " the local executor always waits");
        }
        if (!local && junit != null && !await) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--junit with --executor " + executor
                    + " needs --wait (without it the campaign's junit.xml appears in its folder when the report job"
                    + " has run)");
        }
        Builds builds = buildInGuest ? Builds.GUEST : Builds.NATIVE;
        if (partsAtOnce < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parts-at-once must be at least 1, got "
                    + partsAtOnce);
        }
        Execution execution = new Execution(ex.name(), local ? jobs : 1, builds, local ? null : slurm.options(),
                partsAtOnce);
        String base = null;
        if (reruns != null && (reruns < 0 || baseline == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--reruns is 0 or more, with --baseline");
        }
        if (baseline != null) {
            ptlab.changes.Baselines.check(baseline);
            base = baseline.toAbsolutePath().normalize().toString();
        }
        RunPlan plan = RunPlanner.plan(specFile, RepoRoot.find(), new Overrides(accel, images, repetitions,
                coldBoot ? Start.BOOT : null, backend, submission, parts, base, base == null ? null
                : reruns == null ? Integer.valueOf(Overrides.RERUNS) : reruns), execution, Clock.systemUTC());
        if (base != null) {
            plan = plan.asCampaign(); // the comparison and its report live in a campaign folder, even for one cell
        }
        if (dryRun) {
            PlanPrinter.print(plan, out);
            printGuests(plan, out);
            return Outcome.PASS.exitCode();
        }
        Progress progress = Progress.stderr();
        Executor.Started started = ex.submit(plan, progress);
        return followStarted(ex, started, printResults(started, out), await, junit, out, progress);
    }

    /**
     * What {@code run} and {@code resume} do once the executor has started the cells: print what it said;
     * unless the cells run elsewhere and {@code await} is off, follow them to the end, print the campaign
     * and copy the JUnit XML (the campaign's, or the single run's) to {@code junit}; returns the exit code,
     * the worse of {@code worst} and the campaign's outcome.
     */
    static int followStarted(Executor ex, Executor.Started started, Outcome worst, boolean await, Path junit,
            PrintWriter out, Progress progress) {
        started.lines().forEach(out::println);
        out.flush();
        if (!ex.runsCellsHere() && !await) {
            return worst.exitCode();
        }
        Path junitOfAll = started.results().isEmpty() ? null : started.results().get(0).unit().folder().junit();
        var campaign = ex.follow(started, progress);
        if (campaign.isPresent()) {
            printCampaign(out, campaign.get(), started.plan().units().size());
            junitOfAll = campaign.get().junit();
            worst = Outcome.worst(worst, campaign.get().outcome());
        }
        if (junit != null && junitOfAll != null) {
            copyJunit(junitOfAll, junit);
            out.println("  junit: " + junit);
        }
        out.flush();
        return worst.exitCode();
    }

    /** Each cell that ran in this process: its outcome, oracles and report; returns the worst outcome. */
    static Outcome printResults(Executor.Started started, PrintWriter out) {
        Outcome worst = Outcome.PASS;
        for (RunOrchestrator.UnitResult r : started.results()) {
            out.printf("%-12s %s%n", r.outcome(), r.unit().outputDir());
            if (r.render() != null) {
                r.render().oracles().forEach(o -> out.printf("  %-4s %s: %s%n", o.passed() ? "ok" : o.status().label(), o.name(),
                        o.detail()));
                out.println("  report: " + r.unit().folder().reportHtml());
            }
            if (r.outcome() != Outcome.PASS) {
                out.println("  " + r.message().replace("\n", "\n  "));
            }
            worst = Outcome.worst(worst, r.outcome());
        }
        return worst;
    }

    /** The last lines of a campaign: verdict, failures, report; {@code cells} below 0 is not printed. */
    static void printCampaign(PrintWriter out, Campaign.Finished c, int cells) {
        out.printf("%-12s %s%s%n", c.outcome() == Outcome.PASS && c.report().passed() ? "PASS" : c.outcome() == Outcome.PASS
                ? "FAIL" : c.outcome().name(), c.dir(), cells >= 0 ? " (campaign of " + cells + " cells)" : "");
        c.report().failures().forEach(f -> out.println("  FAIL " + f));
        if (java.nio.file.Files.isRegularFile(c.dir().resolve("report.html"))) {
            out.println("  report: " + c.dir().resolve("report.html"));
        }
        out.flush();
    }

    static void copyJunit(Path from, Path to) {
        try {
            if (to.toAbsolutePath().getParent() != null) {
                java.nio.file.Files.createDirectories(to.toAbsolutePath().getParent());
            }
            java.nio.file.Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw ptlab.HarnessException.infra("cannot write --junit " + to + ": " + e.getMessage(), e);
        }
    }

    /** How each cell's guest would start, as its provider says; an image not built yet is said so. */
    private static void printGuests(RunPlan plan, PrintWriter out) {
        for (RunUnit u : plan.units()) {
            var cached = ImageCache.defaultCache().lookup(RecipeLoader.load(u.recipe()));
            out.println();
            if (cached.isEmpty()) {
                out.println("# " + u.runId() + ": image " + u.image() + " is not built yet; QEMU would boot it with"
                        + " the same arguments as `harness vm smoke " + u.image() + " --dry-run` shows once built");
                continue;
            }
            Step.Boot boot = (Step.Boot) u.step(Step.BOOT).orElseThrow();
            out.println("# " + u.runId() + " (guest provider " + boot.provider() + ")");
            GuestProviders.installed().byName(boot.provider()).dryRun(cached.get(), plan.spec().vm(), u.folder().console())
                    .forEach(out::println);
        }
    }
}
