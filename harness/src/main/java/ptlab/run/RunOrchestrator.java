package ptlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.collect.KmsgStream;
import ptlab.image.Image;
import ptlab.image.ImageBuilder;
import ptlab.image.ImageCache;
import ptlab.image.RecipeLoader;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.plan.Step;
import ptlab.report.RenderPipeline;
import ptlab.report.RenderResult;
import ptlab.spec.AccessWorkload;
import ptlab.spec.PagemapMode;
import ptlab.spec.PagemapWorkload;
import ptlab.spec.PagetableWorkload;
import ptlab.spec.Scheme;
import ptlab.spec.XlateWorkload;
import ptlab.ssh.ExecResult;
import ptlab.util.Progress;
import ptlab.vm.Accel;
import ptlab.vm.VmConfig;
import ptlab.vm.VmLauncher;
import ptlab.vm.VmSession;

/**
 * One run of the matrix: boot -> build -> insmod -> workloads -> collect -> teardown -> render.
 * Whatever happens, what was collected stays in the run folder and the manifest says which step
 * failed, with its command and exit status.
 */
public final class RunOrchestrator {
    static final String GUEST_ROOT = "/root/ptlab";
    static final String SCRIPTS = GUEST_ROOT + "/src/workloads/scripts";

    /** The result of one run. */
    public record UnitResult(RunUnit unit, Outcome outcome, String message, RenderResult render) {
    }

    private final RunPlan plan;
    private final ImageCache cache;
    private final Progress progress;

    public RunOrchestrator(RunPlan plan, ImageCache cache, Progress progress) {
        this.plan = plan;
        this.cache = cache;
        this.progress = progress;
    }

    public UnitResult run(RunUnit unit) {
        RunManifest manifest = new RunManifest(plan, unit);
        Path out = unit.outputDir();
        Path raw = unit.rawDir();
        Outcome outcome = Outcome.PASS;
        String message = "";
        RenderResult render = null;
        try {
            Files.createDirectories(raw);
            PlanWriter.write(plan, out.resolve(PlanWriter.FILE_NAME));
            execute(unit, manifest);
        } catch (HarnessException e) {
            outcome = e.outcome();
            message = e.getMessage();
        } catch (IOException e) {
            outcome = Outcome.INFRA_ERROR;
            message = "cannot write the run folder " + out + ": " + e.getMessage();
        } finally {
            manifest.finish(outcome, message);
            manifest.write(out.resolve("manifest.json"));
        }
        if (outcome == Outcome.PASS || outcome == Outcome.FAIL) {
            long t0 = System.nanoTime();
            progress.phase(unit.runId() + ": render figures and report");
            try {
                render = RenderPipeline.render(out);
                manifest.step(new StepRecord(Step.RENDER, "ok", secondsSince(t0), null, null, null));
                if (!render.allPassed() && outcome == Outcome.PASS) {
                    outcome = Outcome.FAIL;
                    message = "oracle failed: " + String.join(", ", render.oracles().stream()
                            .filter(o -> !o.passed()).map(o -> o.name() + " (" + o.detail() + ")").toList());
                }
                manifest.oracles(render.oracles());
            } catch (HarnessException e) {
                manifest.step(new StepRecord(Step.RENDER, "failed", secondsSince(t0), null, null, e.getMessage()));
                outcome = outcome == Outcome.PASS ? e.outcome() : outcome;
                message = message.isEmpty() ? e.getMessage() : message;
            }
            manifest.finish(outcome, message);
            manifest.write(out.resolve("manifest.json"));
        }
        return new UnitResult(unit, outcome, message, render);
    }

    private void execute(RunUnit unit, RunManifest manifest) throws IOException {
        Path raw = unit.rawDir();
        long t0 = System.nanoTime();
        progress.phase(unit.runId() + ": image " + unit.image());
        Image image = new ImageBuilder(cache, progress).getOrBuild(RecipeLoader.load(unit.recipe()));
        manifest.image(image);
        manifest.step(new StepRecord("image", "ok", secondsSince(t0), null, null, null));

        var vmSpec = plan.spec().vm();
        Path work = unit.outputDir().resolve("work");
        Accel accel = VmLauncher.resolveAccel(Accel.valueOf(vmSpec.accel().name()), image, work, progress);
        VmConfig config = VmLauncher.config(image, accel, vmSpec.cpus(), vmSpec.memoryMib(),
                raw.resolve("console.log"), null);
        manifest.vm(config);
        Map<String, String> sources = GuestSources.stage(plan.repoRoot(), work.resolve("src"));
        manifest.inputs(sources);

        t0 = System.nanoTime();
        try (VmSession vm = VmLauncher.boot(image, config, Duration.ofSeconds(vmSpec.bootTimeoutS()), progress)) {
            manifest.step(new StepRecord(Step.BOOT, "ok", secondsSince(t0), null, null, null));
            manifest.bootToSsh(vm.bootToSsh());
            new Session(unit, manifest, vm, work, image, sources).run();
        } catch (HarnessException e) {
            if (e.outcome() == Outcome.KERNEL_CRASH) {
                Files.writeString(raw.resolve("crash.txt"), e.getMessage());
            }
            throw e;
        }
    }

    static double secondsSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
    }

    /** Everything that happens while the guest is up. */
    private final class Session {
        private final RunUnit unit;
        private final RunManifest manifest;
        private final VmSession vm;
        private final Path work;
        private final Image image;
        private final Map<String, String> sources;
        private final BuildCache buildCache = BuildCache.defaultCache();
        private KmsgStream kmsg;

        Session(RunUnit unit, RunManifest manifest, VmSession vm, Path work, Image image,
                Map<String, String> sources) {
            this.unit = unit;
            this.manifest = manifest;
            this.vm = vm;
            this.work = work;
            this.image = image;
            this.sources = sources;
        }

        void run() {
            vm.ssh().upload(work.resolve("src"), GUEST_ROOT + "/src");
            HarnessException failure = null;
            try {
                for (Step step : unit.steps()) {
                    if (!step.name().equals(Step.BOOT) && !step.name().equals(Step.COLLECT)
                            && !step.name().equals(Step.RENDER)) {
                        runStep(step);
                    }
                }
            } catch (HarnessException e) {
                failure = e;
            }
            if (failure == null || failure.outcome() != Outcome.KERNEL_CRASH) {
                try {
                    collect();
                } catch (HarnessException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        private void runStep(Step step) {
            String name = step.name();
            Duration timeout = Duration.ofSeconds(step.timeoutS());
            var spec = plan.spec();
            switch (name) {
                case Step.BUILD_WORKLOADS -> {
                    build(name, "workloads", "workloads", "make -C " + GUEST_ROOT + "/src/workloads all kmsgcat",
                            timeout);
                    guest("guest-info", "sh " + SCRIPTS + "/guest-info.sh", timeout, null);
                    kmsg = KmsgStream.start(vm.ssh(), GUEST_ROOT + "/src/workloads/kmsgcat",
                            unit.rawDir().resolve("kmsg.txt"));
                }
                case Step.BUILD_LKP25P3 -> {
                    buildModule(name, "lkp25p3", timeout);
                    guest("insmod-lkp25p3", "insmod " + GUEST_ROOT + "/src/kmod/lkp25p3/lkp25p3.ko", timeout, null);
                }
                case Step.BUILD_PAGETABLE -> buildModule(name, "pagetable", timeout);
                case Step.XLATE -> {
                    XlateWorkload x = spec.workload(XlateWorkload.class).orElseThrow();
                    guest(name, script("xlate.sh", x.size().bytes(), x.pages(), x.batch(), x.thp().label()), timeout,
                            null);
                }
                case Step.VMA_DUMP -> guest(name, script("vma_dump.sh"), timeout, null);
                case Step.ACCESS -> {
                    AccessWorkload a = spec.workload(AccessWorkload.class).orElseThrow();
                    int duration = a.durationS();
                    guest(name, script("access.sh", a.size().bytes(), duration, a.hot().bytes(), a.warmStart().bytes(),
                            a.warmEnd().bytes(), a.warmPeriodUs(), a.scanPeriodMs(), a.reportMs(), a.thp().label()),
                            timeout, line -> {
                                if (line.startsWith("access t=")) {
                                    String t = line.substring(9, line.indexOf(' ', 9) < 0 ? line.length()
                                            : line.indexOf(' ', 9));
                                    progress.detail(t + " / " + duration + " s (" + line + ")");
                                }
                            });
                }
                case Step.PAGETABLE -> {
                    PagetableWorkload p = spec.workload(PagetableWorkload.class).orElseThrow();
                    guest(name, script("pagetable.sh", p.size().bytes()), timeout, null);
                }
                default -> {
                    if (name.startsWith(Step.PART1_PREFIX)) {
                        PagemapWorkload p = spec.workload(PagemapWorkload.class).orElseThrow();
                        Scheme scheme = p.schemes().stream().filter(s -> Step.part1(s).equals(name)).findFirst()
                                .orElseThrow();
                        String modes = String.join(" ", p.modes().stream().map(PagemapMode::label).toList());
                        guest(name, script("part1.sh", scheme.label(), p.size().bytes(), p.thp().label(), modes),
                                timeout, null);
                    } else {
                        throw new IllegalStateException("no implementation for step " + name);
                    }
                }
            }
        }

        private void buildModule(String step, String module, Duration timeout) {
            build(step, module, "kmod/" + module, "make -C " + GUEST_ROOT + "/src/kmod/" + module, timeout);
        }

        /**
         * Builds a component in the guest, or uploads the products of an identical earlier build
         * (same image, kernel and sources) from the host's build cache.
         */
        private void build(String step, String component, String dir, String make, Duration timeout) {
            String key = BuildCache.key(component, image.manifest().cacheKey(), image.manifest().kernelRelease(),
                    sources);
            String guestDir = GUEST_ROOT + "/src/" + dir;
            var hit = buildCache.lookup(key);
            if (hit.isPresent()) {
                progress.phase(unit.runId() + ": " + step + " (from the build cache)");
                long t0 = System.nanoTime();
                for (Path p : BuildCache.products(hit.get())) {
                    vm.ssh().upload(p, guestDir + "/" + p.getFileName());
                }
                vm.exec("chmod 0755 " + guestDir + "/* 2>/dev/null; true", Duration.ofSeconds(30));
                manifest.buildWarnings(component, BuildCache.warnings(hit.get()));
                manifest.step(new StepRecord(step, "ok", secondsSince(t0), make, 0,
                        "reused " + key + " from " + hit.get().getParent()));
                return;
            }
            ExecResult r = guest(step, make, timeout, null);
            long warnings = (r.stdout() + r.stderr()).lines().filter(l -> l.contains("warning:")).count();
            manifest.buildWarnings(component, warnings);
            if (warnings > 0) {
                progress.note("warning: " + component + " built with " + warnings + " compiler warnings (see raw/steps/"
                        + step + ".log)");
            }
            String list = component.equals("workloads")
                    ? "cd " + guestDir + " && find . -maxdepth 1 -type f -perm -u+x -printf '%f\\n'"
                    : "cd " + guestDir + " && ls *.ko";
            ExecResult products = vm.exec(list, Duration.ofSeconds(30));
            Path staging = buildCache.staging(key);
            for (String f : products.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
                vm.ssh().download(guestDir + "/" + f, staging.resolve(f));
            }
            buildCache.commit(key, staging, warnings);
        }

        private String script(String name, Object... args) {
            StringBuilder sb = new StringBuilder("sh " + SCRIPTS + "/" + name);
            for (Object a : args) {
                sb.append(" '").append(String.valueOf(a).replace("'", "")).append('\'');
            }
            return sb.toString();
        }

        /** Runs a guest command as a named step; its output goes to raw/build or raw/steps. */
        private ExecResult guest(String step, String command, Duration timeout, Consumer<String> lines) {
            progress.phase(unit.runId() + ": " + step);
            long t0 = System.nanoTime();
            ExecResult r;
            try {
                r = vm.exec(command, timeout, lines);
            } catch (HarnessException e) {
                manifest.step(new StepRecord(step, "failed", secondsSince(t0), command, null, e.getMessage()));
                throw e;
            }
            saveOutput(step, r);
            if (!r.ok()) {
                String msg = "step " + step + " failed: command '" + command + "' exited with status "
                        + r.exitStatus() + "\n--- last output ---\n" + r.tail(20);
                manifest.step(new StepRecord(step, "failed", secondsSince(t0), command, r.exitStatus(), msg));
                throw new HarnessException(Outcome.FAIL, msg);
            }
            manifest.step(new StepRecord(step, "ok", secondsSince(t0), command, 0, null));
            return r;
        }

        private void saveOutput(String step, ExecResult r) {
            try {
                Path dir = Files.createDirectories(unit.rawDir().resolve("steps"));
                Files.writeString(dir.resolve(step + ".log"), "$ " + r.command() + "\n" + r.stdout()
                        + (r.stderr().isEmpty() ? "" : "--- stderr ---\n" + r.stderr())
                        + "--- exit status " + r.exitStatus() + " after " + r.duration().toMillis() + " ms\n");
            } catch (IOException e) {
                throw HarnessException.infra("cannot write step log: " + e.getMessage(), e);
            }
        }

        /** Pulls every raw file out of the guest; runs even after a failed step. */
        private void collect() {
            progress.phase(unit.runId() + ": collect");
            long t0 = System.nanoTime();
            Path raw = unit.rawDir();
            if (kmsg != null) {
                boolean synced = kmsg.syncWith(vm.ssh(), "ptlab: collect marker " + unit.runId(),
                        Duration.ofSeconds(30));
                manifest.kmsgSynced(synced, kmsg.failure());
                kmsg.close();
            }
            vm.exec("sync", Duration.ofSeconds(60));
            ExecResult ls = vm.exec("ls -1 " + GUEST_ROOT + "/out 2>/dev/null", Duration.ofSeconds(30));
            for (String entry : ls.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
                vm.ssh().download(GUEST_ROOT + "/out/" + entry, raw.resolve(entry));
            }
            vm.ssh().download("/var/log/kern.log", raw.resolve("kern.log"));
            ExecResult sums = vm.exec("cd " + GUEST_ROOT + "/src && sha256sum workloads/memalloc workloads/pagemap"
                    + " workloads/getpfn kmod/*/*.ko 2>/dev/null", Duration.ofSeconds(60));
            manifest.artifacts(sums.stdout());
            ExecResult unload = vm.exec("! lsmod | grep -q '^lkp25p3 ' || rmmod lkp25p3", Duration.ofSeconds(60));
            manifest.step(new StepRecord(Step.COLLECT, unload.ok() ? "ok" : "failed", secondsSince(t0), null,
                    unload.exitStatus(), unload.ok() ? null : "rmmod lkp25p3 failed: " + unload.tail(5)));
        }
    }

    /**
     * Runs every unit of the plan, {@code jobs} guests at a time; results come back in plan order.
     * Units share nothing but the read-only base images and the caches, which lock themselves.
     */
    public List<UnitResult> runAll(int jobs) {
        if (jobs <= 1 || plan.units().size() == 1) {
            List<UnitResult> results = new ArrayList<>();
            for (RunUnit u : plan.units()) {
                results.add(run(u));
            }
            return results;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs);
        try {
            List<java.util.concurrent.Future<UnitResult>> futures = new ArrayList<>();
            for (RunUnit u : plan.units()) {
                futures.add(pool.submit(() -> run(u)));
            }
            List<UnitResult> results = new ArrayList<>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException(Outcome.INTERRUPTED, "interrupted while runs were going on", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

}
