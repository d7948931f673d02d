package ptlab.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Fixtures are real console captures from the bookworm guest under TCG. */
class CrashPatternsTest {
    static String fixture(String name) throws IOException {
        return Files.readString(Path.of("harness/src/test/resources/fixtures/console", name), StandardCharsets.UTF_8);
    }

    @Test
    void panicIsFoundWithItsCallTrace() throws IOException {
        var crash = CrashPatterns.find(fixture("panic-vfs-bookworm-6.1-tcg.txt")).orElseThrow();
        assertTrue(crash.line().contains("Kernel panic - not syncing: VFS: Unable to mount root fs"), crash.line());
        assertTrue(crash.excerpt().contains("panic+0x"), "excerpt keeps the call trace");
    }

    @Test
    void sysrqPanicCapturedFromTheGuest() throws IOException {
        var crash = CrashPatterns.find(fixture("panic-sysrq-bookworm-6.1-tcg.txt")).orElseThrow();
        assertTrue(crash.line().contains("Kernel panic - not syncing: sysrq triggered crash"), crash.line());
        assertTrue(crash.excerpt().contains("sysrq_handle_crash"), crash.excerpt());
    }

    @Test
    void oopsCapturedFromTheGuestIsFoundAtItsFirstLine() throws IOException {
        var crash = CrashPatterns.find(fixture("oops-null-deref-bookworm-6.1-tcg.txt")).orElseThrow();
        assertTrue(crash.line().contains("BUG: kernel NULL pointer dereference"), crash.line());
        assertTrue(crash.excerpt().contains("Oops: 0000 [#1]"), crash.excerpt());
        assertTrue(crash.excerpt().contains("oops_init"), "excerpt names the faulting function");
    }

    @Test
    void aCleanBootIsNotACrash() throws IOException {
        String boot = fixture("boot-ok-bookworm-6.1-tcg.txt");
        assertTrue(boot.contains("login:"), "fixture is a complete boot");
        assertTrue(CrashPatterns.find(boot).isEmpty());
    }

    @Test
    void commandLineMentioningPanicIsNotACrash() {
        assertTrue(CrashPatterns.find("[    0.000000] Command line: console=ttyS0 panic=-1 oops=panic\n").isEmpty());
    }

    @Test
    void eachPatternKind() {
        assertEquals("watchdog: BUG: soft lockup", CrashPatterns.find(
                "x\n[  52.1] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [a:1]\n").orElseThrow().kind());
        assertTrue(CrashPatterns.find("[ 1.0] general protection fault, probably for non-canonical address\n").isPresent());
        assertTrue(CrashPatterns.find("[ 1.0] rcu: INFO: rcu_preempt self-detected stall on CPU\n").isPresent());
        assertTrue(CrashPatterns.find("[ 1.0] BUG: kernel NULL pointer dereference, address: 0000000000000000\n")
                .isPresent());
    }
}
