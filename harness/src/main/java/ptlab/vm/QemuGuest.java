package ptlab.vm;

import static ptlab.host.Sleep.sleep;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ptlab.guest.Reaper;
import ptlab.GuestStart;
import ptlab.HarnessException;
import ptlab.guest.GuestInfo;
import ptlab.guest.SshGuest;
import ptlab.spec.Backend;
import ptlab.ssh.SshSession;
import ptlab.host.HostTools;
import ptlab.progress.Progress;

/**
 * One running QEMU guest. Ready means the SSH banner, a pinned-key login and a successful command, not
 * an open port (QEMU's hostfwd accepts TCP long before sshd runs). A kernel crash seen on the
 * console ends the session at once; a console that stays silent for {@link #SILENT_CONSOLE} while
 * booting fails the boot early; {@link #close()} always kills QEMU.
 */
public final class QemuGuest extends SshGuest {
    /**
     * The silent-console watchdog (the LAVA pattern): a booting guest that prints nothing for this
     * long is hung, whatever the overall boot timeout says. Measured here (bookworm, TCG, the whole
     * boot shown on the console): the first console byte 1.8 s after QEMU starts, the longest silence
     * 2.0 s. 60 s is thirty times that, room for a host loaded by parallel guests and slower kernels,
     * and still a fifth of the boot timeout.
     */
    public static final Duration SILENT_CONSOLE = Duration.ofSeconds(60);

    private final VmConfig config;
    private final Process qemu;
    private final String pinnedHostKey;
    private final Path clientKey;
    private final long startNanos = System.nanoTime();
    private Duration bootToSsh;
    private GuestStart start = GuestStart.BOOT;
    private String snapshot;

    private QemuGuest(VmConfig config, Process qemu, String pinnedHostKey, Path clientKey, Progress progress) {
        super(config.consoleLog(), progress);
        this.config = config;
        this.qemu = qemu;
        this.pinnedHostKey = pinnedHostKey;
        this.clientKey = clientKey;
    }

    /** Starts QEMU; call {@link #awaitReady(Duration)} next. {@code progress} hears of clean-ups that fail. */
    public static QemuGuest start(VmConfig config, String pinnedHostKey, Path clientKey, Progress progress) {
        HostTools.require(config.qemuBinary());
        List<String> argv = new ArrayList<>();
        // The kernel kills QEMU if the harness dies without running its shutdown hooks (kill -9).
        if (HostTools.find("setpriv") != null) {
            argv.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        }
        argv.addAll(QemuArgs.argv(config));
        try {
            Files.createDirectories(config.consoleLog().toAbsolutePath().getParent());
            Files.deleteIfExists(config.consoleLog());
            Path qemuLog = qemuLog(config);
            // a Process rather than HostCommand: it lives as long as the guest, and the reaper and close() need it
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(qemuLog.toFile())).start();
            Reaper.register(p);
            return new QemuGuest(config, p, pinnedHostKey, clientKey, progress);
        } catch (IOException e) {
            throw HarnessException.infra("cannot start QEMU: " + e.getMessage(), e);
        }
    }

    static Path qemuLog(VmConfig config) {
        return config.consoleLog().resolveSibling(config.consoleLog().getFileName() + ".qemu");
    }

    /**
     * Waits until a pinned-key SSH login runs a command; crashes, QEMU exits and a console silent for
     * {@code silentLimit} fail fast.
     */
    public QemuGuest awaitReady(Duration deadline, Duration silentLimit) {
        login(new Login("127.0.0.1", config.sshPort(), "root", clientKey, pinnedHostKey), deadline,
                () -> checkNotSilent(silentLimit),
                last -> HarnessException.infra("guest not reachable over SSH within " + deadline.toSeconds()
                        + " s (last error: " + last + ")\n--- console tail ---\n" + consoleTail(30)));
        bootToSsh = Duration.ofNanos(System.nanoTime() - startNanos);
        return this;
    }

    /** Waits with the default silent-console limit. */
    public QemuGuest awaitReady(Duration deadline) {
        return awaitReady(deadline, SILENT_CONSOLE);
    }

    private void checkNotSilent(Duration limit) {
        console().drainAndCheck();
        long silentNanos = System.nanoTime() - Math.max(startNanos, console().lastOutputNanos());
        if (silentNanos > limit.toNanos()) {
            Reaper.kill(qemu);
            throw HarnessException.infra("the guest console printed nothing for " + limit.toSeconds()
                    + " s while booting (silent-console watchdog; the boot timeout is "
                    + "longer): the guest hangs\n--- console tail ---\n" + consoleTail(30));
        }
    }

    @Override
    protected boolean machineRunning() {
        return qemu.isAlive();
    }

    @Override
    protected void stopMachine() {
        Reaper.kill(qemu);
    }

    @Override
    protected HarnessException machineGone(String when) {
        return HarnessException.infra("QEMU exited with status " + qemu.exitValue() + " " + when
                + "\n--- QEMU says ---\n" + readQuietly(qemuLog(config)) + "\n--- console tail ---\n" + consoleTail(30));
    }

    /** The logged-in SSH session. */
    public SshSession ssh() {
        return session();
    }

    public Duration bootToSsh() {
        return bootToSsh;
    }

    /** Records how the guest started, for {@link #info()}: boot, restore, or a fallback with its reason. */
    void started(GuestStart how, String snapshotSha256) {
        this.start = how;
        this.snapshot = snapshotSha256;
    }

    Process process() {
        return qemu;
    }

    /** Ends the SSH session (before a save: a restored guest must not carry a half-open session). */
    void closeSsh() {
        logout();
    }

    @Override
    public GuestInfo info() {
        return info(config, start, snapshot, bootToSsh);
    }

    /** How a QEMU guest of {@code c} starts or started; {@code ready} is null until it answers. */
    static GuestInfo info(VmConfig c, GuestStart start, String snapshot, Duration ready) {
        return new GuestInfo(Backend.QEMU.name(), start, snapshot, c.accel(), c.cpus(), c.memoryMib(), c.cmdline(),
                QemuArgs.argv(c), ready);
    }

    public VmConfig config() {
        return config;
    }

    public long qemuPid() {
        return qemu.pid();
    }

    @Override
    protected void closeMachine() {
        try {
            Reaper.kill(qemu);
        } finally {
            dropRestoreOverlay();
        }
    }

    /** A restored guest's overlay holds only what that guest wrote, already collected: it goes with it. */
    private void dropRestoreOverlay() {
        if (config.live() != null && config.live().incoming() != null) {
            try {
                Files.deleteIfExists(config.live().overlay());
            } catch (IOException e) {
                progress().warn("cannot remove " + config.live().overlay() + ": " + e.getMessage());
            }
        }
    }

    /** A free TCP port on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw HarnessException.infra("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p).strip() : "";
        } catch (IOException e) {
            return "(cannot read " + p + ")";
        }
    }
}
