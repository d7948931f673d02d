package ptlab.vm;

import java.nio.file.Path;
import java.time.Duration;
import ptlab.HarnessException;
import ptlab.image.Image;
import ptlab.util.Progress;

/** Image + size + accelerator -> a booted, SSH-ready {@link VmSession}. */
public final class VmLauncher {
    public static final String QEMU = "qemu-system-x86_64";

    private VmLauncher() {
    }

    /** The config for a guest of {@code image}; {@code accel} must already be resolved. */
    public static VmConfig config(Image image, Accel accel, int cpus, int memoryMib, Path consoleLog,
            String cmdlineOverride) {
        String cmdline = cmdlineOverride != null ? cmdlineOverride : image.manifest().cmdline();
        return new VmConfig(QEMU, accel, cpus, memoryMib, image.kernel(), image.initrd(), image.disk(), cmdline,
                VmSession.freePort(), consoleLog);
    }

    public static Accel resolveAccel(Accel requested, Image image, Path workDir, Progress progress) {
        return AccelProbe.resolve(requested, QEMU, image.kernel(), workDir, progress);
    }

    /** Boots and waits for SSH; on failure QEMU is gone before the exception leaves. */
    public static VmSession boot(Image image, VmConfig config, Duration deadline, Progress progress) {
        progress.phase("boot " + image.manifest().name() + " (" + config.accel() + ", " + config.cpus() + " vCPU, "
                + config.memoryMib() + " MiB, ssh 127.0.0.1:" + config.sshPort() + ")");
        VmSession s = VmSession.start(config, pinnedKey(image), image.clientKey());
        try {
            s.awaitReady(deadline);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        progress.phase("guest ready: SSH after " + s.bootToSsh().toMillis() / 1000.0 + " s");
        return s;
    }

    static String pinnedKey(Image image) {
        try {
            return java.nio.file.Files.readString(image.hostKey()).trim();
        } catch (java.io.IOException e) {
            throw HarnessException.infra("cannot read pinned host key " + image.hostKey() + ": " + e.getMessage(), e);
        }
    }
}
