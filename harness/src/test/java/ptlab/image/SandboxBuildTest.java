package ptlab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.host.HostCommand;
import ptlab.host.HostTools;

/** The sandbox script's refusals, which need no image, and the limits' defaults. */
class SandboxBuildTest {
    private static final String SCRIPT = NativeBuilder.script("sandbox-build.sh");

    /** The script as uid 65534 when this test runs as root (setpriv drops to it), else as this user. */
    private static HostCommand.Result asUnprivileged(String... args) {
        List<String> argv = new ArrayList<>();
        if (ImageBuilder.isRoot() && HostTools.find("setpriv") != null) {
            argv.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        argv.addAll(List.of("sh", "-c", SCRIPT, "sandbox-build"));
        argv.addAll(List.of(args));
        return HostCommand.of(argv).timeout(Duration.ofSeconds(30)).runAllowingFailure();
    }

    private static String[] arguments(String guestSrc, String guestDir) {
        return new String[] {"/nonexistent/disk.img", "/nonexistent/src", guestSrc, guestDir, "make", "ls",
            "/nonexistent/out", "6.1.0-50-amd64", "token", "20", "10", "64", "1048576", "1073741824", "1073741824",
            "65536"};
    }

    @Test
    void refusesToRunWithoutRoot() {
        HostCommand.Result r = asUnprivileged(arguments("/root/ptlab/src", "/root/ptlab/src"));
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("must run as root"), r.output());
    }

    @Test
    void refusesAFolderOutsideTheSubmissionBeforeMountingAnything() {
        if (!ImageBuilder.isRoot()) {
            return;
        }
        HostCommand.Result r = HostCommand.of(List.of("sh", "-c", SCRIPT, "sandbox-build"))
                .timeout(Duration.ofSeconds(30)).runAllowingFailure();
        assertEquals(2, r.exitCode(), r.output());
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sandbox-build"));
        argv.addAll(List.of(arguments("/root/ptlab/src", "/root/ptlab/srcx")));
        r = HostCommand.of(argv).timeout(Duration.ofSeconds(30)).runAllowingFailure();
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("is not inside GUEST_SRC"), r.output());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SandboxLimits d = SandboxLimits.defaults();
        assertEquals(List.of(Duration.ofSeconds(180), Duration.ofSeconds(120), 256, 256L << 20, 2048L << 20, 1024L << 20,
                256L * 1024), List.of(d.wall(), d.cpu(), d.processes(), d.fileBytes(), d.memoryBytes(),
                d.scratchBytes(), d.outputBytes()));
        assertEquals(Duration.ofSeconds(5), d.withWall(Duration.ofSeconds(5)).wall());
        assertThrows(IllegalArgumentException.class, () -> d.withWall(Duration.ZERO));
    }
}
