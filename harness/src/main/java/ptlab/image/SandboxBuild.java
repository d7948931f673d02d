package ptlab.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import ptlab.HarnessException;
import ptlab.host.HostCommand;
import ptlab.host.HostTools;

/**
 * Builds untrusted sources (a submission's own Makefile and C files) natively in the image's userspace,
 * like {@link NativeBuilder} but without giving them the host: make runs as uid 65534 with no
 * capabilities and no_new_privs, in an empty network namespace and PID, IPC and UTS namespaces of its
 * own, chrooted into the image mounted read-only where only the submission's copy and /tmp are
 * writable (both on a size-limited tmpfs), with a /dev of six nodes and no /sys, stdin /dev/null,
 * rlimits on CPU time, processes, file size and address space, and killed with everything it started
 * at the wall-clock limit. The output is capped (its first and last {@link SandboxLimits#outputBytes()}).
 * Products are copied out by root afterwards, only regular files in the submission's copy. The script is
 * {@code sandbox-build.sh} beside this class; NativeBuilder stays for the project's own code.
 *
 * <p>Facts this rests on, checked on the host (util-linux 2.38, kernel 6.18) and in the bullseye,
 * bookworm, trixie and sid images (each has /usr/bin/setpriv and /usr/bin/prlimit):
 * <ul>
 * <li>chroot needs CAP_SYS_CHROOT, so the uid drop comes after it, by the image's own setpriv. Once
 *     chrooted, unshare(CLONE_NEWUSER) fails with EPERM (the kernel refuses user namespaces to a
 *     chrooted process), which closes the user-namespace route to chroot and mount.</li>
 * <li>The PID namespace's first process is a root shell of the image that only waits for the build:
 *     were it the build's own shell (uid 65534, dumpable after exec), the build could ptrace its PID 1.
 *     When it exits the kernel kills every process left in the namespace (setsid, nohup, double fork).</li>
 * <li>{@code timeout -s KILL} is killed only by its status (137 is also what a build killed by SIGKILL
 *     returns), so the time limit is taken from timeout's own {@code --verbose} words, which go to a
 *     file the build cannot write: the report is never wrong about it.</li>
 * <li>{@code mount -o remount,bind,ro} on the overlay makes that mount read-only and leaves the bind
 *     mount of the submission's copy (the same superblock) writable; a superblock remount would not.</li>
 * <li>A symlink {@code /lib/modules/<host release> -> <image release>} in the overlay lets a student's
 *     {@code KDIR := /lib/modules/$(shell uname -r)/build} reach the image's headers: uname in the
 *     chroot still says the host's release.</li>
 * <li>The script itself is the first process of a PID namespace of its own (and the harness's child,
 *     under {@code setpriv --pdeathsig}): killed, or the harness killed, the kernel kills every process
 *     it started. A pdeathsig on {@code timeout} alone was not enough: timeout's parent is a subshell of
 *     the script's pipeline, which outlived a script killed with -9, and the build ran on to its limit.
 *     Such a kill leaves an empty /tmp/ptlab-sandbox-* folder, nothing mounted.</li>
 * <li>Root touches the submission's files three times, none following a symlink (a link to /etc/passwd
 *     resolves against the host's root there, not the image's): {@code cp -a} copies links as links,
 *     {@code chown -R} without -H/-L changes the link itself, and a product is copied only when it is
 *     a regular file and its folder's real path lies inside the copy. Stage the sources without
 *     following links too (the submission unpacker writes none; {@code Trees.copy} follows them).</li>
 * <li>RLIMIT_NPROC counts every process of uid 65534 on the host, so concurrent sandboxed builds share
 *     the process limit; this host runs nothing else as 65534. cgroups (v1 here) would give a memory
 *     limit for the build as a whole; rlimits bound each process only.</li>
 * </ul>
 */
public final class SandboxBuild {
    /** The script's exit status when make failed or was stopped: the sources are at fault, not the host. */
    public static final int MAKE_FAILED = NativeBuilder.MAKE_FAILED;
    /** Mounting, copying in and out, and listing the products, on top of the wall-clock limit. */
    private static final Duration OVERHEAD = Duration.ofSeconds(180);
    private static final String SCRIPT = NativeBuilder.script("sandbox-build.sh");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param exitCode 0 built, {@link #MAKE_FAILED} the sources failed or were stopped, anything else the
     *                 host could not build
     * @param output   the last lines of the (capped) output
     * @param stopped  what the sandbox stopped, in words; empty when nothing was
     */
    public record Result(int exitCode, String output, List<String> stopped) {
        public Result {
            stopped = List.copyOf(stopped);
        }
    }

    private SandboxBuild() {
    }

    /** What this host lacks for sandboxed builds, or null when it has everything. */
    public static String unavailable() {
        String lacks = NativeBuilder.unavailable();
        if (lacks != null) {
            return lacks;
        }
        for (String tool : List.of("prlimit", "timeout", "mknod", "mkfifo", "realpath")) {
            if (HostTools.find(tool) == null) {
                return "no " + tool + " on the PATH";
            }
        }
        return null;
    }

    /**
     * Runs {@code make} (a shell command, run in {@code guestDir}) in the sandbox with a copy of
     * {@code stagedSources} at {@code guestSrc}; then copies the regular files whose names
     * {@code listProducts} prints (run in the sandbox too, in {@code guestDir}) to {@code out}.
     * {@code guestDir} must be {@code guestSrc} or inside it.
     *
     * @return the exit code, the output's tail and what was stopped; a failed make is reported, not thrown
     */
    public static Result build(Image image, Path stagedSources, String guestSrc, String guestDir, String make,
            String listProducts, Path out, SandboxLimits limits, Path log) {
        String token = HexFormat.of().formatHex(bytes(16));
        List<String> argv = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--", "unshare", "--mount",
                "--propagation", "private", "--pid", "--fork", "--kill-child", "--", "sh", "-c", SCRIPT, "sandbox-build"));
        argv.addAll(List.of(image.disk().toString(), stagedSources.toAbsolutePath().toString(), guestSrc, guestDir,
                make, listProducts, out.toAbsolutePath().toString(), image.manifest().kernelRelease(), token,
                Long.toString(seconds(limits.wall())), Long.toString(seconds(limits.cpu())),
                Integer.toString(limits.processes()), Long.toString(limits.fileBytes()),
                Long.toString(limits.memoryBytes()), Long.toString(limits.scratchBytes()),
                Long.toString(limits.outputBytes())));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw HarnessException.infra("cannot create " + out + ": " + e.getMessage(), e);
        }
        String verdict = "sandbox-build[" + token + "] stopped: ";
        // the pump thread adds, this one reads after the command ended
        List<String> stopped = Collections.synchronizedList(new ArrayList<>());
        HostCommand.Result r = HostCommand.of(argv).log(log).timeout(limits.wall().plus(OVERHEAD))
                .onLine(line -> {
                    if (line.startsWith(verdict)) {
                        stopped.add(line.substring(verdict.length()));
                    }
                }).runAllowingFailure();
        return new Result(r.exitCode(), r.output(), stopped);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
