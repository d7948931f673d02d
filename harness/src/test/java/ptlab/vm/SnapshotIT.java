package ptlab.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ptlab.GuestStart;
import ptlab.image.Image;
import ptlab.spec.Start;
import ptlab.testing.Guests;
import ptlab.progress.ConsoleProgress;
import ptlab.host.HostInfo;
import ptlab.progress.Progress;

/** Ready-guest snapshots in real bookworm guests: what a restore keeps, what it refreshes, how it fails. */
class SnapshotIT {
    private final Image img = Guests.bookworm();

    @AfterEach
    void noQemuLeft() {
        assertEquals(0, ptlab.guest.Reaper.liveCount(), "live QEMU processes after the test");
    }

    private static String run(QemuGuest s, String command) {
        var r = s.exec(command, Duration.ofSeconds(60));
        assertEquals(0, r.exitStatus(), command + ": " + r.stderr());
        return r.stdout().strip();
    }

    /**
     * Two restores of one snapshot share its memory (the boot id, made at boot, repeats: the documented
     * reason repetitions are not independent) but not its clock or its random state, and a file written
     * in one never reaches the other or the snapshot.
     */
    @Test
    void restoresShareMemoryButNotClockRandomnessOrFiles() {
        List<String> bootIds = new ArrayList<>();
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path work = Guests.workDir("restore" + i);
            try (QemuGuest s = Guests.boot(img, work)) {
                assertEquals(GuestStart.RESTORE, s.info().start(), "restored, not booted");
                assertTrue(s.info().snapshot().matches("[0-9a-f]{64}"), s.info().snapshot());
                assertEquals(img.manifest().kernelRelease(), run(s, "uname -r"));
                long guestClock = Long.parseLong(run(s, "date +%s"));
                assertTrue(Math.abs(guestClock - System.currentTimeMillis() / 1000) <= 5,
                        "the clock was set from the host: guest " + guestClock);
                bootIds.add(run(s, "cat /proc/sys/kernel/random/boot_id"));
                uuids.add(run(s, "cat /proc/sys/kernel/random/uuid"));
                assertEquals("absent", run(s, "test -e /root/written-by-restore-0 && echo present || echo absent"),
                        "a file of an earlier restore leaked into this one");
                run(s, "echo x > /root/written-by-restore-" + i + " && sync");
            }
        }
        assertEquals(bootIds.get(0), bootIds.get(1), "both restores continue the same boot");
        assertNotEquals(uuids.get(0), uuids.get(1), "the random state was reseeded");
    }

    @Test
    void aTruncatedStateFileIsDetectedAndTheSnapshotMadeAgain() throws Exception {
        Path work = Guests.workDir("truncated");
        VmConfig c = Guests.config(img, work, 2048);
        Path dir = SnapshotStore.getOrCreate(img, c, Guests.BOOT, Progress.stderr());
        Path state = dir.resolve(Snapshot.STATE);
        long size = Files.size(state);
        try (RandomAccessFile f = new RandomAccessFile(state.toFile(), "rw")) {
            f.setLength(size / 2);
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        Progress p = new Progress(new ConsoleProgress(new PrintStream(said, true, StandardCharsets.UTF_8), false), null);
        try (QemuGuest s = QemuRestore.startRestored(img, c, Guests.BOOT, work, p)) {
            assertEquals(GuestStart.RESTORE, s.info().start());
            assertEquals(img.manifest().kernelRelease(), run(s, "uname -r"));
        }
        String text = said.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("cannot be restored (state file missing or truncated"), text);
        assertEquals(Snapshot.read(dir).stateBytes(), Files.size(state), "made again, whole");
    }

    /** A state QEMU refuses (same size, wrong bytes) falls back to a cold boot, says so, and never hangs. */
    @Test
    void aStateQemuRejectsFallsBackToAColdBoot() throws Exception {
        Path work = Guests.workDir("rejected");
        // a machine of its own (3 GiB), so the snapshot the other tests restore stays intact
        VmConfig c = Guests.config(img, work, 3072);
        String qemu = HostInfo.qemuVersion();
        String key = SnapshotStore.key(img, c, qemu);
        Path dir = SnapshotStore.dir(img, key);
        SnapshotStore.remove(dir);
        Files.createDirectories(dir);
        SnapshotStore.overlay(img.disk(), "raw", dir.resolve(Snapshot.DISK));
        byte[] garbage = new byte[1 << 20];
        java.util.Arrays.fill(garbage, (byte) 0x5a);
        Files.write(dir.resolve(Snapshot.STATE), garbage);
        new Snapshot(key, img.manifest().cacheKey(), qemu, QemuArgs.argv(c.machine()), "0".repeat(64), garbage.length,
                "0".repeat(64), Files.size(dir.resolve(Snapshot.DISK)), "2026-01-01T00:00:00Z", 0, 0).write(dir);

        ByteArrayOutputStream said = new ByteArrayOutputStream();
        Progress p = new Progress(new ConsoleProgress(new PrintStream(said, true, StandardCharsets.UTF_8), false), null);
        long t0 = System.nanoTime();
        try (QemuGuest s = QemuRestore.startRestored(img, c, Guests.BOOT, work, p)) {
            assertEquals(Start.BOOT, s.info().start().how(), s.info().start().label());
            assertTrue(String.valueOf(s.info().start().fallback()).startsWith("restore failed:"), s.info().start().label());
            assertEquals(img.manifest().kernelRelease(), run(s, "uname -r"));
        }
        String text = said.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("restore failed:") && text.contains("cold boot instead"), text);
        assertFalse(Files.exists(dir), "a state QEMU rejects is removed, so the next run makes it again");
        assertTrue((System.nanoTime() - t0) / 1e9 < Guests.BOOT.toSeconds(), "no hang");
    }
}
