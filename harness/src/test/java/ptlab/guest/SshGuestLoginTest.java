package ptlab.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.progress.Progress;

/**
 * The login every SSH-reached guest shares (QEMU's and Vagrant's): a kernel that panics while the harness
 * waits for SSH fails the login within seconds, with the crash from the console, and the machine is
 * stopped; it does not wait out the boot deadline. The Vagrant guest once passed no-op checks here and
 * waited the whole deadline.
 */
class SshGuestLoginTest {
    @TempDir
    Path tmp;

    /** A machine that runs until stopped; its console is a file the test writes. */
    static final class Machine extends SshGuest {
        final AtomicInteger stops = new AtomicInteger();
        volatile boolean running = true;

        Machine(Path console) {
            super(console, Progress.silent());
        }

        void awaitLogin(int port, Duration deadline) {
            login(new Login("127.0.0.1", port, "root", Path.of("/nonexistent-key"), "ssh-ed25519 AAAA test"),
                    deadline, () -> { }, last -> HarnessException.infra("timed out: " + last));
        }

        @Override
        protected boolean machineRunning() {
            return running;
        }

        @Override
        protected void stopMachine() {
            stops.incrementAndGet();
            running = false;
        }

        @Override
        protected HarnessException machineGone(String when) {
            return HarnessException.infra("gone " + when);
        }

        @Override
        protected void closeMachine() {
            running = false;
        }

        @Override
        public GuestInfo info() {
            throw new UnsupportedOperationException();
        }
    }

    /** A port on 127.0.0.1 where nothing listens: every connection attempt is refused at once. */
    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPanicWhileWaitingForSshFailsTheLoginWithinSecondsAndStopsTheMachine() throws Exception {
        Path console = tmp.resolve("console.log");
        Files.writeString(console, "[    0.000000] Linux version 6.1.0-test\n");
        int port = closedPort();
        try (Machine m = new Machine(console)) {
            Thread panic = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    Files.writeString(console, "[    2.100000] Kernel panic - not syncing: VFS: Unable to mount root fs\n"
                            + "[    2.100100] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0-test #1\n",
                            StandardOpenOption.APPEND);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            panic.start();
            long t0 = System.nanoTime();
            HarnessException e = assertThrows(HarnessException.class, () -> m.awaitLogin(port, Duration.ofSeconds(120)));
            double s = (System.nanoTime() - t0) / 1e9;
            panic.join();
            assertEquals(Outcome.KERNEL_CRASH, e.outcome(), e.getMessage());
            assertTrue(e.getMessage().contains("Kernel panic - not syncing: VFS: Unable to mount root fs"), e.getMessage());
            assertTrue(e.getMessage().contains("while booting"), e.getMessage());
            assertTrue(s < 15, "the login failed after " + s + " s, not within seconds of the panic");
            assertTrue(m.stops.get() >= 1, "the crashed machine was stopped");
        }
    }

    @Test
    void aMachineThatStopsWhileWaitingIsAnInfrastructureErrorNotATimeout() throws Exception {
        Path console = tmp.resolve("console.log");
        Files.writeString(console, "booting\n");
        try (Machine m = new Machine(console)) {
            m.running = false;
            HarnessException e = assertThrows(HarnessException.class, () -> m.awaitLogin(closedPort(),
                    Duration.ofSeconds(120)));
            assertEquals(Outcome.INFRA_ERROR, e.outcome());
            assertEquals("gone while booting", e.getMessage());
        }
    }
}
