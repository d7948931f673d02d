package ptlab.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import ptlab.image.Image;
import ptlab.plan.Step;
import ptlab.ssh.ExecResult;
import ptlab.util.Progress;

/**
 * Build steps: the guest's toolchain builds a component, or the products of an identical earlier build
 * (same image, kernel and sources) come from the host's {@link BuildCache}. Compiler warnings are
 * counted into the manifest either way.
 */
final class ModuleBuilds {
    private final BuildCache cache;
    private final Image image;
    private final Map<String, String> sources;
    private final RunManifest manifest;
    private final Progress progress;

    ModuleBuilds(BuildCache cache, Image image, Map<String, String> sources, RunManifest manifest, Progress progress) {
        this.cache = cache;
        this.image = image;
        this.sources = sources;
        this.manifest = manifest;
        this.progress = progress;
    }

    void build(Step.Build b, StepRunner runner) {
        String key = BuildCache.key(b.component(), image.manifest().cacheKey(), image.manifest().kernelRelease(),
                sources);
        Duration timeout = Duration.ofSeconds(b.timeoutS());
        var hit = cache.lookup(key);
        if (hit.isPresent()) {
            progress.phase(b.name() + " (from the build cache)");
            long t0 = System.nanoTime();
            for (Path p : BuildCache.products(hit.get())) {
                runner.guest().upload(p, b.guestDir() + "/" + p.getFileName());
            }
            runner.guest().exec("chmod 0755 " + b.guestDir() + "/* 2>/dev/null; true", timeout);
            manifest.buildWarnings(b.component(), BuildCache.warnings(hit.get()));
            manifest.step(StepRecord.ok(b.name(), t0, b.make(), "reused " + key + " from " + hit.get().getParent()));
            return;
        }
        ExecResult r = runner.command(b.name(), b.make(), timeout, null);
        long warnings = (r.stdout() + r.stderr()).lines().filter(l -> l.contains("warning:")).count();
        manifest.buildWarnings(b.component(), warnings);
        if (warnings > 0) {
            progress.note("warning: " + b.component() + " built with " + warnings + " compiler warnings (see raw/steps/"
                    + b.name() + ".log)");
        }
        ExecResult products = runner.guest().exec(b.listProducts(), timeout);
        Path staging = cache.staging(key);
        for (String f : products.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            runner.guest().download(b.guestDir() + "/" + f, staging.resolve(f));
        }
        cache.commit(key, staging, warnings);
    }
}
