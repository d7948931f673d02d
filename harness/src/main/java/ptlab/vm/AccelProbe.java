package ptlab.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ptlab.guest.Reaper;
import ptlab.Accelerator;
import ptlab.HarnessException;
import ptlab.spec.Accel;
import ptlab.progress.Progress;

/**
 * Resolves {@link Accel#AUTO} to an {@link Accelerator}. /dev/kvm existing is not enough (nested guests can hang under KVM),
 * so a short probe boot runs the real kernel with a root that cannot exist: a working KVM panics
 * ("VFS: Unable to mount root fs") and exits within a second or two thanks to panic=-1 and
 * -no-reboot. No exit within {@link #PROBE_DEADLINE} means TCG.
 */
public final class AccelProbe {
    static final Duration PROBE_DEADLINE = Duration.ofSeconds(15);
    private static volatile Accelerator cached;

    private AccelProbe() {
    }

    public static Accelerator resolve(Accel requested, String qemu, Path kernel, Path workDir, Progress progress) {
        if (requested == Accel.TCG) {
            return Accelerator.TCG;
        }
        Path kvm = Path.of("/dev/kvm");
        boolean usable = Files.isReadable(kvm) && Files.isWritable(kvm);
        if (requested == Accel.KVM) {
            if (!usable) {
                throw HarnessException.infra("--accel kvm, but /dev/kvm is missing or not accessible to this user");
            }
            return Accelerator.KVM;
        }
        if (cached != null) {
            return cached;
        }
        if (!usable) {
            progress.note("accelerator: TCG (no usable /dev/kvm); latencies will be emulated");
            cached = Accelerator.TCG;
            return cached;
        }
        Accelerator remembered = remembered();
        if (remembered != null) {
            cached = remembered;
            progress.note("accelerator: " + cached.name() + " (probed earlier since this host booted; "
                    + PROBE_MEMO + ")" + (cached == Accelerator.TCG ? "; latencies will be emulated" : ""));
            return cached;
        }
        long t0 = System.nanoTime();
        boolean ok = probe(qemu, kernel, workDir);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        cached = ok ? Accelerator.KVM : Accelerator.TCG;
        remember(cached);
        progress.note(ok ? "accelerator: KVM (probe boot finished in " + ms + " ms)"
                : "accelerator: TCG (a KVM probe boot did not finish within " + PROBE_DEADLINE.toSeconds()
                        + " s; latencies will be emulated)");
        return cached;
    }

    /**
     * The probe's answer holds until the host reboots (nested KVM does not start working by
     * itself), so it is remembered per boot id and later invocations skip the 15 s probe. One file per
     * host name: a cache shared by a cluster's nodes holds each node's own answer.
     */
    static final Path PROBE_MEMO = ptlab.image.ImageCache.defaultCache().root().resolveSibling("accel-probe")
            .resolve(hostName());

    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            return h.isEmpty() || h.contains("/") ? "localhost" : h;
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Forgets the answer in memory and on disk, so the next AUTO probes again. */
    static void forget() throws IOException {
        cached = null;
        Files.deleteIfExists(PROBE_MEMO);
    }

    private static Accelerator remembered() {
        String id = bootId();
        try {
            if (id == null || !Files.isRegularFile(PROBE_MEMO)) {
                return null;
            }
            String[] f = Files.readString(PROBE_MEMO).trim().split("\\s+");
            return f.length == 2 && f[0].equals(id) ? Accelerator.valueOf(f[1]) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void remember(Accelerator a) {
        String id = bootId();
        if (id == null) {
            return;
        }
        try {
            if (Files.isRegularFile(PROBE_MEMO.getParent())) {
                Files.delete(PROBE_MEMO.getParent()); // the one-file memo of earlier versions
            }
            Files.createDirectories(PROBE_MEMO.getParent());
            Files.writeString(PROBE_MEMO, id + " " + a.name() + "\n");
        } catch (IOException e) {
            // only an optimisation: the next invocation probes again
        }
    }

    static List<String> probeArgv(String qemu, Path kernel, Path console) {
        List<String> a = new ArrayList<>(List.of(qemu));
        a.addAll(QemuArgs.base());
        a.addAll(QemuArgs.machine(Accelerator.KVM));
        a.addAll(QemuArgs.size(1, 512));
        a.addAll(List.of("-kernel", kernel.toString(), "-append",
                "console=ttyS0 panic=-1 rdinit=/ptlab-probe root=/dev/ptlab-probe"));
        a.addAll(QemuArgs.console(console.toString()));
        return a;
    }

    private static boolean probe(String qemu, Path kernel, Path workDir) {
        Path console = workDir.resolve("kvm-probe.console");
        Process p = null;
        try {
            Files.createDirectories(workDir);
            // a Process rather than HostCommand: a hung KVM guest is killed by the Reaper (SIGKILL, descendants
            // too); HostCommand's watchdog sends SIGTERM and then waits for an exit that may not come
            p = new ProcessBuilder(probeArgv(qemu, kernel, console)).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("kvm-probe.qemu").toFile()).start();
            Reaper.register(p);
            boolean exited = p.waitFor(PROBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            String text = Files.exists(console) ? Files.readString(console) : "";
            return exited && text.contains("Kernel panic");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (p != null) {
                Reaper.kill(p);
            }
        }
    }
}
