package ptlab.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import ptlab.HarnessException;

/** Facts about the host for run manifests; each degrades to "unknown" instead of failing a run. */
public final class HostInfo {
    private HostInfo() {
    }

    public static String gitCommit(Path repo) {
        String head = capture(repo, List.of("git", "rev-parse", "HEAD"));
        if (head == null) {
            return "unknown (not a git checkout)";
        }
        String dirty = capture(repo, List.of("git", "status", "--porcelain", "--untracked-files=no"));
        return head + (dirty != null && !dirty.isBlank() ? "-dirty" : "");
    }

    public static String qemuVersion() {
        String v = capture(Path.of("."), List.of("qemu-system-x86_64", "--version"));
        return v == null ? "unknown" : v.lines().findFirst().orElse("unknown");
    }

    public static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Peak resident memory of this JVM so far (VmHWM), in MiB, or -1 where /proc says nothing. */
    public static long peakRssMib() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public static String harnessVersion() {
        String v = HostInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The last lines {@code argv} printed, or null when it could not run, failed or took over 30 s. */
    private static String capture(Path dir, List<String> argv) {
        try {
            HostCommand.Result r = HostCommand.of(argv).workDir(dir).timeout(Duration.ofSeconds(30)).runAllowingFailure();
            return r.exitCode() == 0 ? r.output().trim() : null;
        } catch (HarnessException e) {
            return null;
        }
    }
}
