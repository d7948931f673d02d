package ptlab.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import ptlab.Accelerator;
import ptlab.HarnessException;
import ptlab.image.Image;
import ptlab.spec.Accel;
import ptlab.progress.Progress;

/** Image + size + accelerator -> a QEMU config, its printable argv, and a booted {@link QemuGuest}. */
public final class VmLauncher {
    public static final String QEMU = "qemu-system-x86_64";

    private VmLauncher() {
    }

    /** The config for a guest of {@code image} under a resolved accelerator, on a free SSH port. */
    public static VmConfig config(Image image, Accelerator accel, int cpus, int memoryMib, Path consoleLog) {
        return new VmConfig(QEMU, accel, cpus, memoryMib, image.kernel(), image.initrd(), image.disk(),
                image.manifest().cmdline(), QemuGuest.freePort(), consoleLog);
    }

    /**
     * What {@code --dry-run} prints for a guest, for every command that has one: the shell-quoted QEMU
     * argv, then a comment when auto had to be shown as TCG (a dry run does not probe KVM).
     */
    public static List<String> dryRun(Image image, Accel asked, int cpus, int memoryMib, Path consoleLog) {
        VmConfig c = config(image, asked.shownInDryRun(), cpus, memoryMib, consoleLog);
        String argv = QemuArgs.shellQuote(QemuArgs.argv(c));
        return asked == Accel.AUTO
                ? List.of(argv, "# --accel auto: KVM is used only if a probe boot succeeds; shown with tcg")
                : List.of(argv);
    }

    public static Accelerator resolveAccel(Accel requested, Image image, Path workDir, Progress progress) {
        return AccelProbe.resolve(requested, QEMU, image.kernel(), workDir, progress);
    }

    /** Boots and waits for SSH; on failure QEMU is gone before the exception leaves. */
    public static QemuGuest boot(Image image, VmConfig config, Duration deadline, Progress progress) {
        progress.phase("boot " + image.manifest().name() + " (" + config.accel() + ", " + config.cpus() + " vCPU, "
                + config.memoryMib() + " MiB, ssh 127.0.0.1:" + config.sshPort() + ")");
        QemuGuest s = QemuGuest.start(config, image.pinnedHostKey(), image.clientKey(), progress);
        try {
            s.awaitReady(deadline);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        progress.phase("guest ready: SSH after " + s.bootToSsh().toMillis() / 1000.0 + " s");
        return s;
    }
}
