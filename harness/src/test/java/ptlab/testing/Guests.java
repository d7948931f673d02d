package ptlab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import ptlab.Accelerator;
import ptlab.image.Image;
import ptlab.spec.Accel;
import ptlab.image.ImageBuilder;
import ptlab.image.ImageCache;
import ptlab.image.RecipeLoader;
import ptlab.progress.Progress;
import ptlab.vm.QemuRestore;
import ptlab.vm.VmConfig;
import ptlab.vm.VmLauncher;
import ptlab.vm.QemuGuest;

/** Real guests for integration tests: the cached bookworm image (built on first use). */
public final class Guests {
    public static final Duration BOOT = Duration.ofSeconds(240);

    private Guests() {
    }

    public static Image image(String recipe) {
        return new ImageBuilder(ImageCache.defaultCache(), Progress.stderr())
                .getOrBuild(RecipeLoader.load(Path.of("vm-images", recipe + ".yaml")));
    }

    public static Image bookworm() {
        return image("bookworm");
    }

    public static Path workDir(String name) {
        try {
            Path d = Path.of("target", "it-work");
            Files.createDirectories(d);
            return Files.createTempDirectory(d, name + "-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Accelerator accel(Image img) {
        return VmLauncher.resolveAccel(Accel.AUTO, img, workDir("accel"), Progress.stderr());
    }

    public static VmConfig config(Image img, Path work, int memoryMib) {
        return VmLauncher.config(img, accel(img), 2, memoryMib, work.resolve("console.log"));
    }

    /** A guest restored from the image's ready snapshot (made on first use), as runs get by default. */
    public static QemuGuest boot(Image img, Path work) {
        return QemuRestore.startRestored(img, config(img, work, 2048), BOOT, work, Progress.stderr());
    }

    /** A guest that boots its kernel. */
    public static QemuGuest coldBoot(Image img, Path work) {
        return VmLauncher.boot(img, config(img, work, 2048), BOOT, Progress.stderr());
    }

    /** True when no process with this pid is alive any more. */
    public static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }
}
