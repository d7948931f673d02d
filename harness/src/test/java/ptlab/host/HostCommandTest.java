package ptlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;

class HostCommandTest {
    @TempDir
    Path tmp;

    @Test
    void everyLineReachesTheListenerAndTheLastTwentyTheResult() {
        List<String> lines = new ArrayList<>();
        HostCommand.Result r = HostCommand.of("seq", "1", "50").onLine(lines::add).run();
        assertEquals(50, lines.size());
        assertEquals("1", lines.get(0));
        assertEquals(List.of("31", "50"), List.of(r.output().lines().findFirst().orElseThrow(),
                r.output().lines().reduce((a, b) -> b).orElseThrow()));
        assertEquals(20, r.output().lines().count());
    }

    @Test
    void argumentsReachTheProgramAsGiven() {
        assertEquals("<  spaced  ><${HOME}><tab\t>", HostCommand.of("printf", "<%s>", "  spaced  ", "${HOME}", "tab\t").run()
                .output());
    }

    @Test
    void aFailureNamesTheCommandAndItsStatus() {
        HarnessException e = assertThrows(HarnessException.class, () -> HostCommand.of("sh", "-c", "echo why; exit 3")
                .run());
        assertEquals(Outcome.INFRA_ERROR, e.outcome());
        assertEquals("command failed with exit status 3: sh -c echo why; exit 3\n--- last lines ---\nwhy", e.getMessage());
        assertEquals(3, HostCommand.of("sh", "-c", "exit 3").runAllowingFailure().exitCode());
    }

    /**
     * vagrant and virsh behind the netns wrapper leave children: a timeout must not leave them running, nor
     * wait for them (a grandchild keeps the output pipe open: the command returned only when it ended).
     */
    @Test
    void aTimeoutKillsTheChildrenToo() throws Exception {
        Path pidFile = tmp.resolve("pid");
        long t0 = System.nanoTime();
        HarnessException e = assertThrows(HarnessException.class, () -> HostCommand.of("sh", "-c",
                "sleep 300 & echo $! > " + pidFile + "; wait").timeout(Duration.ofSeconds(1)).run());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.toSeconds() < 30, "returned after " + took);
        assertTrue(e.getMessage().startsWith("command timed out after 1 s: sh -c sleep 300"), e.getMessage());
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running(pid) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertFalse(running(pid), "the grandchild sleep " + pid + " outlived the timeout");
    }

    /** Alive and not a zombie waiting for a reaper (the test may run in a container whose init reaps nothing). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s;
        try {
            s = Files.readString(stat);
        } catch (IOException gone) {
            return false;
        }
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    /**
     * A Vagrant machine is destroyed from a shutdown hook: a command run there must run, although the JVM
     * takes no new shutdown hook by then. Checked in a JVM of its own, which exits.
     */
    @Test
    void aCommandRunsFromAShutdownHook() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        HostCommand.Result r = HostCommand.of(java, "-cp", System.getProperty("java.class.path"),
                FromShutdownHook.class.getName()).timeout(Duration.ofMinutes(1)).run();
        assertEquals("hook ran: from the hook", r.output().strip());
    }

    /** The main of {@link #aCommandRunsFromAShutdownHook}'s JVM. */
    static final class FromShutdownHook {
        private FromShutdownHook() {
        }

        public static void main(String[] args) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    System.out.println("hook ran: " + HostCommand.of("echo", "from the hook").run().output());
                } catch (RuntimeException e) {
                    System.out.println("hook failed: " + e);
                }
            }));
        }
    }
}
