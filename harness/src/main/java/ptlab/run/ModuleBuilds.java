package ptlab.run;

import ptlab.host.ShellWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.Image;
import ptlab.image.NativeBuilder;
import ptlab.image.SandboxBuild;
import ptlab.image.SandboxLimits;
import ptlab.plan.Builds;
import ptlab.plan.GuestPaths;
import ptlab.plan.Step;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.StepRecord;
import ptlab.ssh.ExecResult;
import ptlab.host.HostCommand;
import ptlab.progress.Progress;

/**
 * Build steps. In order of preference: the products of an identical earlier build (same image, kernel
 * and sources) from the host's {@link BuildCache}; a native build in the image's own userspace on the
 * host ({@link NativeBuilder}: the guest's toolchain at native speed, byte-identical products); a build
 * in the guest. Compiler warnings are counted, and where each component was built is recorded.
 */
final class ModuleBuilds {
    /** Seconds a student's build may take (in the guest; the sandbox has its own limits). */
    static final long UNTRUSTED_LIMIT_S = 300;
    /** Where a stranger's code was built natively: in {@link SandboxBuild}'s sandbox. */
    static final String SANDBOXED = "native-sandbox";
    private final BuildCache cache;
    private final Image image;
    private final Map<String, String> sources;
    private final RunManifest manifest;
    private final Progress progress;
    private final RunFolder folder;
    private final String nativeUnavailable;
    private final String sandboxUnavailable;
    private final Builds where;

    ModuleBuilds(BuildCache cache, Image image, Map<String, String> sources, RunManifest manifest, Progress progress,
            RunFolder folder, Builds where) {
        this.cache = cache;
        this.image = image;
        this.sources = sources;
        this.manifest = manifest;
        this.progress = progress;
        this.folder = folder;
        this.where = where;
        this.nativeUnavailable = where == Builds.GUEST ? "in-guest builds asked for" : NativeBuilder.unavailable();
        this.sandboxUnavailable = where == Builds.GUEST ? "in-guest builds asked for" : SandboxBuild.unavailable();
    }

    void build(Step.Build b, StepRunner runner) {
        Optional<Path> onHost = buildOnHost(b);
        if (onHost.isPresent()) {
            upload(onHost.get(), b, runner);
            return;
        }
        String make = b.untrusted() ? "timeout -s KILL " + UNTRUSTED_LIMIT_S + " sh -c " + ShellWords.quote(b.make()) : b.make();
        ExecResult r = runner.command(b.name(), make, Duration.ofSeconds(b.timeoutS() + UNTRUSTED_LIMIT_S), null);
        long warnings = (r.stdout() + r.stderr()).lines().filter(l -> l.contains("warning:")).count();
        record(b, warnings, Builds.GUEST.label());
        ExecResult products = runner.guest().exec(b.listProducts(), Duration.ofSeconds(b.timeoutS()));
        List<String> names = products.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (names.isEmpty() && b.untrusted()) {
            // nothing to cache: a make that "succeeds" without building the product is the sources' failure
            throw new HarnessException(Outcome.FAIL, "step " + b.name() + ": make succeeded but left no product ('"
                    + b.listProducts() + "' printed nothing)\n--- last output ---\n" + r.tail(20));
        }
        Path staging = cache.staging(key(b));
        for (String f : names) {
            runner.guest().download(b.guestDir() + "/" + f, staging.resolve(f));
        }
        cache.commit(key(b), staging, warnings, Builds.GUEST.label());
    }

    private String key(Step.Build b) {
        return BuildCache.key(b.component(), image.manifest().cacheKey(), image.manifest().kernelRelease(), sources);
    }

    /**
     * The products of {@code b} in the build cache: an identical earlier build, or one made now on the host
     * (natively, or in the sandbox for a stranger's code); empty when only the guest can build it. A make
     * that fails is the step's failure (FAIL), as in the guest.
     */
    Optional<Path> buildOnHost(Step.Build b) {
        String key = key(b);
        // in-guest builds asked for: a product built natively does not stand in for one built in the guest
        var hit = cache.lookup(key).filter(d -> where != Builds.GUEST || Builds.GUEST.label().equals(BuildCache.builtBy(d)));
        if (hit.isPresent()) {
            progress.phase(b.name() + " (from the build cache)");
            long t0 = System.nanoTime();
            manifest.buildWarnings(b.component(), BuildCache.warnings(hit.get()));
            manifest.builtBy(b.component(), "cache (built " + BuildCache.builtBy(hit.get()) + ")");
            manifest.step(StepRecord.ok(b.name(), t0, b.make(), "reused " + key + " from " + hit.get().getParent()));
            return hit;
        }
        // a stranger's code never runs natively as root: only in the sandbox, else in the guest
        if (b.untrusted() ? sandboxUnavailable != null : nativeUnavailable != null) {
            return Optional.empty();
        }
        Path staging = cache.staging(key);
        HostBuild how = b.untrusted() ? HostBuild.SANDBOX : HostBuild.NATIVE;
        long warnings = buildOnHost(b, staging, how);
        if (warnings >= 0) {
            return Optional.of(cache.commit(key, staging, warnings, how.builtBy));
        }
        BuildCache.discard(staging);
        return Optional.empty();
    }

    /**
     * Puts the products of a build this run already made into another guest of the run (a submission's
     * trial), from the build cache, leaving the manifest as the build left it; builds when they are not
     * there.
     */
    void replay(Step.Build b, StepRunner runner) {
        var hit = cache.lookup(key(b));
        if (hit.isPresent()) {
            upload(hit.get(), b, runner);
        } else {
            build(b, runner);
        }
    }

    /**
     * The two ways to build on the host: natively in the image's userspace (the project's own code), or in
     * {@link SandboxBuild}'s sandbox (a stranger's code: uid 65534, no network, the image read-only).
     */
    private enum HostBuild {
        NATIVE("native", "native: the image's own gcc and headers, on the host", "native build in the image's userspace",
                Builds.NATIVE.label()),
        SANDBOX("sandboxed", "native, sandboxed: uid 65534, no network, the image read-only",
                "sandboxed native build in the image's userspace", SANDBOXED);

        final String adjective;
        final String phase;
        final String done;
        final String builtBy;

        HostBuild(String adjective, String phase, String done, String builtBy) {
            this.adjective = adjective;
            this.phase = phase;
            this.done = done;
            this.builtBy = builtBy;
        }
    }

    /**
     * Builds on the host, {@code how} says where; returns the compiler warning count, or -1 when the host
     * could not (the caller builds in the guest). A make that fails (or that the sandbox stops) is the step's
     * failure, with what was stopped: the sources would fail in the guest too.
     */
    private long buildOnHost(Step.Build b, Path staging, HostBuild how) {
        progress.phase(b.name() + " (" + how.phase + ")");
        long t0 = System.nanoTime();
        Path log = folder.stepLog(b.name());
        int exit;
        String output;
        List<String> stopped = List.of();
        try {
            Files.createDirectories(log.getParent());
            if (how == HostBuild.SANDBOX) {
                SandboxBuild.Result r = SandboxBuild.build(image, folder.stagedSources(), GuestPaths.SRC, b.guestDir(),
                        b.make(), b.listProducts(), staging, SandboxLimits.defaults(), log);
                exit = r.exitCode();
                output = r.output();
                stopped = r.stopped();
            } else {
                HostCommand.Result r = NativeBuilder.build(image, folder.stagedSources(), GuestPaths.SRC, b.guestDir(),
                        b.make(), b.listProducts(), staging, Duration.ofSeconds(b.timeoutS()), log);
                exit = r.exitCode();
                output = r.output();
            }
        } catch (IOException | HarnessException e) {
            progress.note(how.adjective + " build of " + b.component() + " impossible here (" + e.getMessage()
                    + "); building in the guest");
            return -1;
        }
        if (exit == NativeBuilder.MAKE_FAILED) {
            String msg = "step " + b.name() + " failed: command '" + b.make() + "' (" + how.done + ") failed"
                    + (stopped.isEmpty() ? "" : ", stopped by the sandbox: " + String.join("; ", stopped))
                    + "\n--- last output ---\n" + output;
            manifest.step(StepRecord.failed(b.name(), t0, b.make(), 2, msg));
            throw new HarnessException(Outcome.FAIL, msg);
        }
        if (exit != 0) {
            progress.note(how.adjective + " build of " + b.component() + " failed on the host side (exit " + exit
                    + ", see " + log + "); building in the guest");
            return -1;
        }
        long warnings = warnings(log);
        record(b, warnings, how.builtBy);
        manifest.step(StepRecord.ok(b.name(), t0, b.make(), how.done));
        return warnings;
    }

    private void record(Step.Build b, long warnings, String builtBy) {
        manifest.buildWarnings(b.component(), warnings);
        manifest.builtBy(b.component(), builtBy);
        if (warnings > 0) {
            progress.note("warning: " + b.component() + " built with " + warnings + " compiler warnings (see raw/steps/"
                    + b.name() + ".log)");
        }
    }

    private static void upload(Path cached, Step.Build b, StepRunner runner) {
        for (Path p : BuildCache.products(cached)) {
            runner.guest().upload(p, b.guestDir() + "/" + p.getFileName());
        }
        runner.guest().exec("chmod 0755 " + b.guestDir() + "/* 2>/dev/null; true", Duration.ofSeconds(b.timeoutS()));
    }

    private static long warnings(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains("warning:")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
