package ptlab.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ptlab.HarnessException;
import ptlab.host.HostCommand;
import ptlab.host.HostTools;

/**
 * Builds a component natively, in the image's own userspace: its disk mounted read-only under an
 * overlay, the sources copied to the path the guest uses, {@code chroot} and the same make. The guest's
 * gcc and headers at native speed, and byte-identical products (measured here: lkp25p3.ko in 1.35 s,
 * the same sha256 as the TCG guest's build after 52 s). It needs root, loop devices, overlayfs and
 * {@code unshare}; {@link #unavailable()} says what is missing, and the caller builds in the guest then.
 * Everything runs in a private mount namespace that dies with the build (also on kill -9 of the
 * harness, through {@code setpriv --pdeathsig}), so nothing is ever left mounted.
 */
public final class NativeBuilder {
    /** The script's exit status when make itself failed: the sources are at fault, not the host. */
    public static final int MAKE_FAILED = 99;
    private static final String SCRIPT = script("native-build.sh");

    private NativeBuilder() {
    }

    /** What this host lacks for native builds, or null when it has everything. */
    public static String unavailable() {
        if (!ImageBuilder.isRoot()) {
            return "not root (loop and overlay mounts need it)";
        }
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            return "no loop devices (/dev/loop-control is missing)";
        }
        for (String tool : List.of("unshare", "chroot", "mount", "setpriv")) {
            if (HostTools.find(tool) == null) {
                return "no " + tool + " on the PATH";
            }
        }
        try {
            if (!Files.readString(Path.of("/proc/filesystems")).contains("overlay")
                    && !Files.isDirectory(Path.of("/sys/module/overlay"))) {
                HostCommand.of("modprobe", "overlay").timeout(Duration.ofSeconds(30)).runAllowingFailure();
                if (!Files.readString(Path.of("/proc/filesystems")).contains("overlay")) {
                    return "no overlayfs in this kernel";
                }
            }
        } catch (IOException e) {
            return "cannot read /proc/filesystems";
        }
        return null;
    }

    /**
     * Runs {@code make} in the image's userspace with {@code stagedSources} at {@code guestSrc}; then
     * copies the files {@code listProducts} prints (names in {@code guestDir}) to {@code out}.
     *
     * @return the exit code and the combined output; a failed make is reported, not thrown
     */
    public static HostCommand.Result build(Image image, Path stagedSources, String guestSrc, String guestDir,
            String make, String listProducts, Path out, Duration timeout, Path log) {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--", "unshare", "--mount",
                "--propagation", "private", "--", "sh", "-c", SCRIPT, "native-build"));
        argv.addAll(List.of(image.disk().toString(), stagedSources.toAbsolutePath().toString(), guestSrc, guestDir,
                make + " KDIR=/lib/modules/" + image.manifest().kernelRelease() + "/build", listProducts,
                out.toAbsolutePath().toString()));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw HarnessException.infra("cannot create " + out + ": " + e.getMessage(), e);
        }
        return HostCommand.of(argv).log(log).timeout(timeout).runAllowingFailure();
    }

    /** A shell script kept beside this class in the jar. */
    static String script(String name) {
        try (InputStream in = NativeBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
