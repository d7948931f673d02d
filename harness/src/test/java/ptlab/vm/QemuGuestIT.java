package ptlab.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.Image;
import ptlab.ssh.ExecResult;
import ptlab.testing.Guests;
import ptlab.progress.Progress;
import ptlab.files.Sha256;

/** Real bookworm guests under the accelerator auto resolves to (TCG on this machine). */
class QemuGuestIT {
    private final Image img = Guests.bookworm();
    private long qemuPid = -1;

    @AfterEach
    void noQemuLeft() throws InterruptedException {
        if (qemuPid > 0) {
            for (int i = 0; i < 50 && !Guests.gone(qemuPid); i++) {
                Thread.sleep(100);
            }
            assertTrue(Guests.gone(qemuPid), "QEMU " + qemuPid + " outlived its session");
        }
        assertEquals(0, ptlab.guest.Reaper.liveCount(), "live QEMU processes after the test");
    }

    @Test
    void bootsRunsUnameAndCopiesFilesBothWays() throws Exception {
        Path work = Guests.workDir("roundtrip");
        Path up = Files.createDirectories(work.resolve("up"));
        byte[] data = new byte[3 << 20];
        new Random(42).nextBytes(data);
        Files.write(up.resolve("blob.bin"), data);
        Files.createDirectories(up.resolve("sub"));
        Files.writeString(up.resolve("sub/note.txt"), "hello guest\n");
        try (QemuGuest s = Guests.boot(img, work)) {
            qemuPid = s.qemuPid();
            ExecResult uname = s.exec("uname -r", Duration.ofSeconds(60));
            assertEquals(img.manifest().kernelRelease(), uname.stdout().trim());
            assertTrue(s.bootToSsh().toSeconds() < 240);

            s.ssh().upload(up, "/root/up");
            ExecResult sum = s.exec("sha256sum /root/up/blob.bin /root/up/sub/note.txt", Duration.ofSeconds(60));
            assertTrue(sum.ok(), sum.stderr());
            assertTrue(sum.stdout().startsWith(Sha256.of(up.resolve("blob.bin"))), sum.stdout());
            assertTrue(sum.stdout().contains(Sha256.of(up.resolve("sub/note.txt"))), sum.stdout());

            Path down = work.resolve("down");
            s.ssh().download("/root/up", down);
            assertEquals(Sha256.of(up.resolve("blob.bin")), Sha256.of(down.resolve("blob.bin")));
            assertEquals("hello guest\n", Files.readString(down.resolve("sub/note.txt")));

            ExecResult fail = s.exec("echo oops >&2; exit 7", Duration.ofSeconds(30));
            assertEquals(7, fail.exitStatus());
            assertEquals("oops", fail.stderr().trim());
            HarnessException timeout = assertThrows(HarnessException.class,
                    () -> s.ssh().exec("sleep 30", Duration.ofSeconds(2)));
            assertEquals(Outcome.INFRA_ERROR, timeout.outcome());
            assertTrue(timeout.getMessage().contains("sleep 30"));
        }
    }

    /**
     * The guest's network is restricted: a listener on the host's 127.0.0.1 (10.0.2.2 from the guest, the
     * way out of an unrestricted user network) gets no connection, and the guest's attempt fails.
     */
    @Test
    void theGuestCannotReachTheHostsLoopback() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 5,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(1);
            try (QemuGuest s = Guests.boot(img, Guests.workDir("restricted"))) {
                qemuPid = s.qemuPid();
                ExecResult reach = s.exec("timeout 10 bash -c 'echo hello > /dev/tcp/10.0.2.2/"
                        + listener.getLocalPort() + "' && echo REACHED || echo BLOCKED", Duration.ofSeconds(60));
                assertEquals("BLOCKED", reach.stdout().trim(), reach.stderr());
            }
            assertThrows(java.net.SocketTimeoutException.class, listener::accept,
                    "the host's listener was reached from the guest");
        }
    }

    @Test
    void sysrqCrashIsKernelCrashWithinTenSeconds() throws Exception {
        Path work = Guests.workDir("sysrq");
        try (QemuGuest s = Guests.boot(img, work)) {
            qemuPid = s.qemuPid();
            long t0 = System.nanoTime();
            HarnessException e = assertThrows(HarnessException.class,
                    () -> s.exec("echo c > /proc/sysrq-trigger", Duration.ofSeconds(60)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(Outcome.KERNEL_CRASH, e.outcome(), e.getMessage());
            assertTrue(seconds < 10, "crash reported after " + seconds + " s");
            assertTrue(e.getMessage().contains("sysrq triggered crash"), e.getMessage());
            assertTrue(e.getMessage().contains("console excerpt"), e.getMessage());
        }
    }

    @Test
    void oopsWithoutPanicIsCaughtByTheConsoleWatcher() throws Exception {
        Path work = Guests.workDir("oops");
        Path src = Files.createDirectories(work.resolve("oops"));
        Files.writeString(src.resolve("oops.c"), """
                // SPDX-License-Identifier: GPL-2.0
                #include <linux/module.h>
                static int __init oops_init(void)
                {
                \tint *volatile p = NULL;
                \treturn *p;
                }
                module_init(oops_init);
                MODULE_LICENSE("GPL");
                """);
        Files.writeString(src.resolve("Makefile"), "obj-m := oops.o\n");
        try (QemuGuest s = Guests.boot(img, work)) {
            qemuPid = s.qemuPid();
            s.ssh().upload(src, "/root/oops");
            ExecResult build = s.exec("make -C /lib/modules/$(uname -r)/build M=/root/oops modules",
                    Duration.ofMinutes(5));
            assertTrue(build.ok(), build.stdout() + build.stderr());
            HarnessException e = assertThrows(HarnessException.class,
                    () -> s.exec("insmod /root/oops/oops.ko", Duration.ofSeconds(60)));
            assertEquals(Outcome.KERNEL_CRASH, e.outcome(), e.getMessage());
            assertTrue(e.getMessage().contains("NULL pointer dereference") || e.getMessage().contains("Oops"),
                    e.getMessage());
            assertTrue(s.console().crash().isPresent());
        }
    }

    @Test
    void aHostKeyThatDoesNotMatchIsRefused() throws Exception {
        Path work = Guests.workDir("hostkey");
        var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] raw = kp.getPublic().getEncoded();
        byte[] pub = java.util.Arrays.copyOfRange(raw, raw.length - 32, raw.length);
        java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(blob);
        d.writeInt(11);
        d.writeBytes("ssh-ed25519");
        d.writeInt(32);
        d.write(pub);
        String wrongKey = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " impostor";
        try (QemuGuest s = QemuGuest.start(Guests.config(img, work, 2048), wrongKey, img.clientKey(), Progress.silent())) {
            qemuPid = s.qemuPid();
            HarnessException e = assertThrows(HarnessException.class, () -> s.awaitReady(Guests.BOOT));
            assertEquals(Outcome.INFRA_ERROR, e.outcome());
            assertTrue(e.getMessage().contains("does not match the pinned key"), e.getMessage());
        }
    }

    @Test
    void aGuestThatNeverReachesSshIsInfraErrorWithTheConsoleTail() {
        Path work = Guests.workDir("deadline");
        VmConfig normal = Guests.config(img, work, 2048);
        // a kernel that boots and prints, and an init that never starts sshd: the deadline, not a fast host or a
        // slow one, decides; 40 s is past the first console line under any load seen here
        VmConfig c = new VmConfig(normal.qemuBinary(), normal.accel(), normal.cpus(), normal.memoryMib(),
                normal.kernel(), normal.initrd(), normal.disk(), normal.cmdline() + " init=/bin/sleep -- 100000",
                normal.sshPort(), normal.consoleLog());
        HarnessException e = assertThrows(HarnessException.class,
                () -> VmLauncher.boot(img, c, Duration.ofSeconds(40), Progress.silent()));
        assertEquals(Outcome.INFRA_ERROR, e.outcome());
        assertTrue(e.getMessage().contains("not reachable over SSH within 40 s"), e.getMessage());
        assertTrue(e.getMessage().contains("console tail"), e.getMessage());
        assertTrue(e.getMessage().contains("Linux version") || e.getMessage().contains("] "),
                "the tail shows the boot so far: " + e.getMessage());
    }

    @Test
    void aConsoleThatGoesSilentFailsTheBootLongBeforeItsTimeout() {
        Path work = Guests.workDir("silent");
        VmConfig normal = Guests.config(img, work, 2048);
        // a kernel that prints nothing and an init that waits forever: a hung guest, silent from the start
        VmConfig silent = new VmConfig(normal.qemuBinary(), normal.accel(), normal.cpus(), normal.memoryMib(),
                normal.kernel(), normal.initrd(), normal.disk(), normal.cmdline()
                        + " quiet loglevel=0 init=/bin/sleep -- 100000", normal.sshPort(), normal.consoleLog());
        long t0 = System.nanoTime();
        try (QemuGuest s = QemuGuest.start(silent, "ssh-ed25519 AAAA unused", img.clientKey(), Progress.silent())) {
            qemuPid = s.qemuPid();
            HarnessException e = assertThrows(HarnessException.class,
                    () -> s.awaitReady(Duration.ofSeconds(200), Duration.ofSeconds(8)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(Outcome.INFRA_ERROR, e.outcome());
            assertTrue(e.getMessage().contains("printed nothing for 8 s"), e.getMessage());
            assertTrue(seconds < 30, "the watchdog fired after " + seconds + " s, not within a few s of 8 s");
        }
    }
}
