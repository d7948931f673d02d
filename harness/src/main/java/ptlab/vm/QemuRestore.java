package ptlab.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import ptlab.GuestStart;
import ptlab.HarnessException;
import ptlab.guest.GuestRequest;
import ptlab.image.Image;
import ptlab.spec.Start;
import ptlab.spec.VmSpec;
import ptlab.ssh.ExecResult;
import ptlab.progress.Progress;

/**
 * The default guest: a restore of a ready snapshot of the same machine (made on first use), on a fresh
 * overlay of the snapshot's frozen disk. Measured here (bookworm, TCG): SSH 1.4-1.7 s after QEMU starts,
 * against 23 s for a cold boot. A restore that fails or does not answer within {@link #DEADLINE} falls
 * back to a cold boot and says so; it never hangs.
 */
public final class QemuRestore extends QemuProvider {
    public static final String NAME = "qemu-restore";
    /** A restore answers in under 2 s here; ten times that, and a cold boot is cheaper than waiting more. */
    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** How long a QEMU whose monitor ended is given to exit before the restore counts as an infrastructure error. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Start start() {
        return Start.RESTORE;
    }

    @Override
    public String describeBoot(String image, VmSpec vm) {
        return "restore the ready snapshot of " + image + " in QEMU " + ptlab.guest.GuestProvider.machine(vm)
                + " (made by one cold boot on first use; a failed restore falls back to a cold boot), set its clock,"
                + " reseed its RNG and wait until SSH runs a command";
    }


    @Override
    public Launch prepare(GuestRequest r) {
        return launch(r, GuestStart.RESTORE,
                config -> startRestored(r.image(), config, r.bootTimeout(), r.workDir(), r.progress()));
    }

    /** A restored guest, or a cold-booted one when the restore cannot be had. */
    public static QemuGuest startRestored(Image image, VmConfig config, Duration bootTimeout, Path workDir,
            Progress progress) {
        Path snapshot;
        try {
            snapshot = SnapshotStore.getOrCreate(image, config, bootTimeout, progress);
        } catch (HarnessException e) {
            if (e.outcome() != ptlab.Outcome.INFRA_ERROR) {
                throw e;
            }
            return fallback(image, config, bootTimeout, progress, "no snapshot: " + firstLine(e.getMessage()));
        }
        try {
            return restore(image, config, snapshot, workDir, progress);
        } catch (Rejected e) {
            // QEMU refused the state: a later run makes the snapshot again instead of failing the same way
            SnapshotStore.remove(snapshot);
            return fallback(image, config, bootTimeout, progress, "restore failed: " + firstLine(e.getMessage())
                    + "; snapshot removed");
        } catch (HarnessException e) {
            if (e.outcome() != ptlab.Outcome.INFRA_ERROR) {
                throw e;
            }
            return fallback(image, config, bootTimeout, progress, "restore failed: " + firstLine(e.getMessage()));
        }
    }

    private static QemuGuest fallback(Image image, VmConfig config, Duration bootTimeout, Progress progress,
            String why) {
        progress.note(why + "; cold boot instead");
        QemuGuest s = VmLauncher.boot(image, config, bootTimeout, progress);
        s.started(GuestStart.bootInstead(why), null);
        return s;
    }

    static QemuGuest restore(Image image, VmConfig config, Path snapshotDir, Path workDir, Progress progress) {
        Snapshot snap = Snapshot.read(snapshotDir);
        Path overlay;
        Path qmpDir;
        try {
            Files.createDirectories(workDir);
            overlay = workDir.resolve("disk.qcow2");
            Files.deleteIfExists(overlay);
            qmpDir = Files.createTempDirectory("ptlab-qmp-");
        } catch (IOException e) {
            throw HarnessException.infra("cannot prepare a restore in " + workDir + ": " + e.getMessage(), e);
        }
        SnapshotStore.overlay(snapshotDir.resolve(Snapshot.DISK), "qcow2", overlay);
        VmConfig c = config.withLive(new VmConfig.Live(overlay, qmpDir.resolve("qmp.sock"),
                "exec:cat " + SnapshotMaker.shellQuote(snapshotDir.resolve(Snapshot.STATE))));
        progress.phase("restore " + image.manifest().name() + " from snapshot " + snap.key() + " (" + config.accel()
                + ", " + config.cpus() + " vCPU, " + config.memoryMib() + " MiB, ssh 127.0.0.1:" + config.sshPort()
                + ")");
        QemuGuest s = QemuGuest.start(c, image.pinnedHostKey(), image.clientKey(), progress);
        try {
            try (Qmp q = Qmp.connect(c.live().qmp(), DEADLINE, s.process())) {
                String status = q.awaitMigration(DEADLINE);
                if (!status.equals("completed")) {
                    throw new Rejected("incoming migration ended with status " + status);
                }
                q.execute("cont", null);
            } catch (HarnessException e) {
                if (e instanceof Rejected || exits(s.process())) {
                    throw new Rejected("QEMU did not take the saved state: " + firstLine(e.getMessage()) + " "
                            + qemuSays(s));
                }
                throw e;
            }
            // a restored guest prints nothing on its console: the SSH deadline is the watchdog
            s.awaitReady(DEADLINE, DEADLINE.plusSeconds(1));
            refresh(s, image);
            s.started(GuestStart.RESTORE, snap.stateSha256());
            progress.phase("guest ready: restored, SSH after " + s.bootToSsh().toMillis() / 1000.0 + " s");
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        } finally {
            SnapshotStore.remove(qmpDir);
        }
    }

    /**
     * A restored guest wakes with the clock and the random state it was saved with: set the clock from
     * the host, mix 64 bytes from the host into the kernel's pool and reseed its generator at once
     * (RNDADDENTROPY + RNDRESEEDCRNG, through perl, which every Debian has; every kernel in vm-images/
     * has both ioctls), and check that the kernel is the image's.
     */
    static void refresh(QemuGuest s, Image image) {
        byte[] seed = new byte[64];
        RANDOM.nextBytes(seed);
        Instant now = Instant.now();
        String cmd = "date -u -s @" + now.getEpochSecond() + "." + String.format("%09d", now.getNano())
                + " >/dev/null && perl -e 'open(my $f, \">\", \"/dev/urandom\") or die \"open: $!\";"
                + " my $b = pack(\"H*\", $ARGV[0]);"
                + " ioctl($f, 0x40085203, pack(\"ii\", 8 * length($b), length($b)) . $b) or die \"RNDADDENTROPY: $!\";"
                + " ioctl($f, 0x5207, 0) or die \"RNDRESEEDCRNG: $!\";' " + HexFormat.of().formatHex(seed)
                + " && uname -r";
        ExecResult r = s.exec(cmd, Duration.ofSeconds(30));
        if (!r.ok()) {
            throw HarnessException.infra("after the restore, setting the clock and reseeding failed: " + r.tail(5));
        }
        String release = r.stdout().strip();
        if (!release.equals(image.manifest().kernelRelease())) {
            throw HarnessException.infra("the restored guest runs kernel " + release + ", the image has "
                    + image.manifest().kernelRelease());
        }
    }

    /**
     * Whether QEMU is exiting: a QEMU that fails to load the state closes QMP and then exits, so the monitor's
     * end can be seen while the process is still alive (SnapshotIT saw the state kept that way once).
     */
    private static boolean exits(Process qemu) {
        try {
            return qemu.waitFor(EXIT_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return !qemu.isAlive();
        }
    }

    /** QEMU refused the saved state (it exited, or the incoming migration failed). */
    private static final class Rejected extends HarnessException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(ptlab.Outcome.INFRA_ERROR, message);
        }
    }

    private static String qemuSays(QemuGuest s) {
        try {
            Path log = QemuGuest.qemuLog(s.config());
            String text = Files.exists(log) ? Files.readString(log).strip() : "";
            return text.isEmpty() ? "" : "(QEMU: " + text.lines().reduce((a, b) -> b).orElse("") + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
