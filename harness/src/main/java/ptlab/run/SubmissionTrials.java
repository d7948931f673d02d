package ptlab.run;

import ptlab.host.ShellWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.collect.KmsgStream;
import ptlab.guest.Guest;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestRequest;
import ptlab.image.Image;
import ptlab.plan.GuestPaths;
import ptlab.plan.RunUnit;
import ptlab.plan.Step;
import ptlab.progress.Progress;
import ptlab.runfolder.PartOutcome;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.StepRecord;
import ptlab.spec.VmSpec;
import ptlab.ssh.ExecResult;

/**
 * A run of a student's submission: a first guest builds (the harness's drivers, then the student's parts,
 * whose failures are verdicts, not the run's end) and records the guest; then each {@link Step.Trial} in a
 * fresh guest of its own, so an oops, a hang or a flood ends that part only, with its evidence in
 * {@code raw/submission/<part>/outcome.json}. What the render step judges is in {@code raw/submission/}.
 */
final class SubmissionTrials {
    /** The kernel log kept per part; a module logging beyond it is a LOG_FLOOD. */
    static final long KMSG_LIMIT = 64L << 20;
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final String MODULE = "submission-lkp25p3";
    /** The student's .ko files as built, under raw/submission/. */
    static final String MODULES = "modules";
    /** The student's builds each part needs: one that failed makes the part BUILD_FAILED. */
    private static final Map<String, List<String>> NEEDS = Map.of("translate", List.of(MODULE), "vma", List.of(MODULE),
            "access", List.of(MODULE, "submission-memalloc"), "pagetable", List.of("submission-pagetable"),
            "part1", List.of("submission-part1-memalloc", "submission-pagemap"));
    private static final SubmissionVerdicts.Build FAILED = SubmissionVerdicts.Build.failed("not built", "");

    private final RunFolder folder;
    private final RunManifest manifest;
    private final Progress progress;
    private final ModuleBuilds builds;
    private final GuestProvider provider;
    private final Image image;
    private final VmSpec vm;
    private final Map<String, SubmissionVerdicts.Build> built = new LinkedHashMap<>();
    private final int atOnce;

    SubmissionTrials(RunFolder folder, RunManifest manifest, Progress progress, ModuleBuilds builds,
            GuestProvider provider, Image image, VmSpec vm, int atOnce) {
        this.atOnce = atOnce;
        this.folder = folder;
        this.manifest = manifest;
        this.progress = progress;
        this.builds = builds;
        this.provider = provider;
        this.image = image;
        this.vm = vm;
    }

    /**
     * Every build on the host (the harness's drivers natively, the student's code in the sandbox), so no
     * guest is needed before the trials; false when one can only be built in a guest ({@link #setup} then,
     * whose builds find these in the cache). A student's build that fails is a verdict.
     */
    boolean setupOnHost(RunUnit unit) {
        for (Step s : setupSteps(unit)) {
            if (s instanceof Step.Build b) {
                try {
                    if (builds.buildOnHost(b).isEmpty()) {
                        return false;
                    }
                    if (b.untrusted()) {
                        built.put(b.component(), SubmissionVerdicts.Build.built(manifest.builtByOf(b.component()), log(b.name())));
                    }
                } catch (HarnessException e) {
                    if (!b.untrusted() || e.outcome() != Outcome.FAIL) {
                        throw e;
                    }
                    built.put(b.component(), failedBuild(b, e));
                }
            }
        }
        return true;
    }

    /** The setup steps on {@code first}: uploads, the builds (a student's that fails is a verdict), guest info. */
    void setup(RunUnit unit, Guest first) {
        StepRunner runner = new StepRunner(first, folder, manifest, progress, builds);
        for (Step s : setupSteps(unit)) {
            if (s instanceof Step.Build b && b.untrusted()) {
                built.put(b.component(), buildUntrusted(b, runner));
            } else {
                runner.run(s);
            }
        }
        facts(unit, first, runner);
    }

    /** What the guest is (kernel, command line, THP policy), as a reference run collects it, and the module's symbols. */
    private synchronized void facts(RunUnit unit, Guest g, StepRunner runner) {
        if (!Files.isDirectory(folder.guestInfo())) {
            manifest.guest(g.info());
            manifest.bootToSsh(g.info().bootToReady());
            unit.steps().stream().filter(s -> s.name().equals(Step.GUEST_INFO)).findFirst().ifPresent(runner::run);
            g.download(GuestPaths.OUT + "/" + RunFolder.GUEST, folder.guestInfo());
        }
        unit.steps().stream().filter(s -> s instanceof Step.Trial t && t.module() != null).findFirst()
                .map(s -> ((Step.Trial) s).module()).filter(ko -> built.getOrDefault(MODULE, FAILED).ok())
                .filter(ko -> !Files.exists(folder.raw("submission/" + SubmissionVerdicts.SYMBOLS)))
                .ifPresent(ko -> symbols(g, ko));
        if (!Files.isDirectory(folder.raw("submission/" + MODULES))) {
            modules(g);
        }
    }

    /**
     * The student's built modules, kept with their debug information (raw/submission/modules/), so a crash's frames
     * can be decoded to their source lines on the host.
     */
    private void modules(Guest g) {
        String tmp = "/tmp/ptlab-modules";
        ExecResult r = g.exec("rm -rf " + tmp + " && mkdir -p " + tmp + " && find " + ShellWords.quote(GuestPaths.SRC
                + "/submission") + " -name '*.ko' -size -64M -exec cp {} " + tmp + "/ ';'", SHORT);
        if (r.ok()) {
            g.download(tmp, folder.raw("submission/" + MODULES));
        }
    }

    /**
     * What the module calls that it does not define ({@code nm -u}): shown, not scored, so a reader sees
     * whether "the walk" walks or calls get_user_pages, follow_page or walk_page_range.
     */
    private void symbols(Guest g, String ko) {
        ExecResult r = g.exec("nm -u " + ShellWords.quote(ko), SHORT);
        try {
            Path out = folder.raw("submission/" + SubmissionVerdicts.SYMBOLS);
            Files.createDirectories(out.getParent());
            Files.writeString(out, r.ok() ? r.stdout() : "nm -u failed: " + r.stderr());
        } catch (IOException e) {
            throw HarnessException.infra("cannot write the module's symbols: " + e.getMessage(), e);
        }
    }

    /** Every trial, each in a guest of its own (the setup's guest closed), its outcome written as it ends. */
    void trials(RunUnit unit, SubmissionVerdicts verdicts) {
        verdicts.builds(built, unit.steps().stream().filter(s -> s instanceof Step.Trial).map(s -> ((Step.Trial) s).part())
                .toList());
        long bootTimeout = ((Step.Boot) unit.step(Step.BOOT).orElseThrow()).timeoutS();
        List<Step.Trial> all = unit.steps().stream().filter(s -> s instanceof Step.Trial).map(s -> (Step.Trial) s).toList();
        // the longest first, so two at once end together
        List<Step.Trial> order = atOnce > 1 ? all.stream().sorted(java.util.Comparator.comparingLong(
                Step.Trial::timeoutS).reversed()).toList() : all;
        AtOnce.run(order.stream().map(t -> (java.util.concurrent.Callable<Void>) () -> {
            SubmissionVerdicts.PartOutcome o = trial(unit, t, setupSteps(unit), bootTimeout);
            verdicts.outcome(o);
            progress.note(t.name() + ": " + o.verdict() + (o.detail().isEmpty() ? "" : " (" + o.detail() + ")"));
            return null;
        }).toList(), atOnce);
    }

    private static List<Step> setupSteps(RunUnit unit) {
        return unit.steps().stream()
                .filter(s -> !(s instanceof Step.Boot || s instanceof Step.Trial || s instanceof Step.Render)).toList();
    }

    private SubmissionVerdicts.Build buildUntrusted(Step.Build b, StepRunner runner) {
        try {
            builds.build(b, runner);
            return SubmissionVerdicts.Build.built(manifest.builtByOf(b.component()), log(b.name()));
        } catch (HarnessException e) {
            if (e.outcome() == Outcome.KERNEL_CRASH) {
                throw e;
            }
            return failedBuild(b, e);
        }
    }

    private SubmissionVerdicts.Build failedBuild(Step.Build b, HarnessException e) {
        progress.note("BUILD_FAILED: " + b.name() + " (see raw/steps/" + b.name() + ".log)");
        return SubmissionVerdicts.Build.failed(e.getMessage(), log(b.name()));
    }

    private String log(String step) {
        try {
            Path p = folder.stepLog(step);
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private SubmissionVerdicts.PartOutcome trial(RunUnit unit, Step.Trial t, List<Step> setup, long bootTimeoutS) {
        Path raw = folder.raw("submission/" + t.part());
        if (t.missing() != null) {
            return SubmissionVerdicts.PartOutcome.of(t.part(), t.missing().startsWith(PartOutcome.AMBIGUOUS)
                    ? PartOutcome.AMBIGUOUS : "MISSING", t.missing(), "");
        }
        for (Step s : setup) {
            if (s instanceof Step.Build b && b.untrusted() && !built.get(b.component()).ok()
                    && NEEDS.getOrDefault(t.part(), List.of()).contains(b.component())) {
                return SubmissionVerdicts.PartOutcome.of(t.part(), "BUILD_FAILED", b.name() + " failed",
                        built.get(b.component()).excerpt());
            }
        }
        progress.phase(t.name() + " (a fresh guest)");
        try {
            Files.createDirectories(raw);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + raw + ": " + e.getMessage(), e);
        }
        // a guest that does not start is the harness's problem (INFRA_ERROR), not the student's
        Guest g = provider.prepare(new GuestRequest(image, vm.accel(), vm.cpus(), vm.memoryMib(),
                Duration.ofSeconds(bootTimeoutS), raw.resolve(RunFolder.CONSOLE), folder.work().resolve(t.part()),
                progress)).start();
        long t0 = System.nanoTime();
        KmsgStream kmsg = null;
        HarnessException streamless = null;
        try (g) {
            StepRunner runner = new StepRunner(g, folder, manifest, progress, builds);
            for (Step s : setup) {
                boolean failedBuild = s instanceof Step.Build b && b.untrusted() && !built.get(b.component()).ok();
                if (s instanceof Step.Upload u) {
                    g.upload(folder.dir().resolve(u.from()), u.to());
                } else if (s instanceof Step.Build b && !failedBuild) {
                    builds.replay(b, runner);
                }
            }
            facts(unit, g, runner);
            kmsg = KmsgStream.start(g, GuestPaths.SRC + "/workloads/kmsgcat", raw.resolve(RunFolder.KMSG), KMSG_LIMIT);
            // the stream must be reading before the module loads: a flood that ends before kmsgcat opens
            // /dev/kmsg would leave only the ring buffer's last records, with no gap to count
            if (!kmsg.syncWith(g, SubmissionVerdicts.BEGIN + t.part(), Duration.ofSeconds(60))) {
                streamless = HarnessException.infra("the guest's kernel log stream did not start within 60 s");
                throw streamless;
            }
            if (t.module() != null && t.driverLoads() == null) {
                ExecResult ins = g.exec("insmod " + ShellWords.quote(t.module()), SHORT);
                if (!ins.ok()) {
                    manifest.step(StepRecord.failed(t.name(), t0, "insmod " + t.module(), ins.exitStatus(), ins.stderr()));
                    return SubmissionVerdicts.PartOutcome.of(t.part(), "INSMOD_FAILED", "insmod " + t.module()
                            + " exited with status " + ins.exitStatus(), ins.stdout() + ins.stderr());
                }
            }
            progress.phase(t.name());
            ExecResult driver = g.exec(t.command(), Duration.ofSeconds(t.timeoutS()), null);
            boolean synced = kmsg.syncWith(g, SubmissionVerdicts.END + t.part(), Duration.ofSeconds(60));
            g.exec("sync", SHORT);
            g.download(t.outDir(), raw);
            var refused = SubmissionVerdicts.driverInsmod(t.part(), raw, t.module());
            String unload = refused.isPresent() ? "module not loaded" : unload(g, t.module());
            manifest.step(StepRecord.ok(t.name(), t0, t.command(), String.format(java.util.Locale.ROOT,
                    "driver %.1f s; %s", driver.duration().toMillis() / 1000.0, unload)));
            return refused.isPresent() ? refused.get()
                    : SubmissionVerdicts.ran(t.part(), raw, kmsg.dropped(), synced, unload);
        } catch (HarnessException e) {
            manifest.step(StepRecord.failed(t.name(), t0, t.command(), null, e.getMessage()));
            if (e == streamless) {
                throw e; // the harness's failure, before the student's module was loaded
            }
            return SubmissionVerdicts.failed(t.part(), e, raw);
        } finally {
            if (kmsg != null) {
                kmsg.close();
            }
        }
    }

    /** rmmod of the student's module; a module that will not unload is said, not fatal. */
    private static String unload(Guest g, String module) {
        if (module == null) {
            return "no module";
        }
        String name = module.substring(module.lastIndexOf('/') + 1).replaceFirst("\\.ko$", "");
        ExecResult r = g.exec("rmmod " + ShellWords.quote(name), SHORT);
        return r.ok() ? "module unloaded" : "module would not unload: rmmod exited with status " + r.exitStatus()
                + ": " + r.stderr().strip();
    }

}
