package ptlab.vm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptlab.testing.Guests;

/**
 * A harness process that is terminated (SIGTERM, as on Ctrl-C or a CI timeout) or killed outright
 * (SIGKILL: no shutdown hook runs) takes its QEMU with it.
 */
class NoQemuLeftIT {
    @ParameterizedTest
    @ValueSource(strings = {"SIGTERM", "SIGKILL"})
    void qemuDiesWithTheHarness(String signal) throws Exception {
        Guests.bookworm();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process harness = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "ptlab.cli.Main", "vm", "smoke", "--accel", "tcg", "bookworm"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            ProcessHandle qemu = null;
            for (int i = 0; i < 300 && qemu == null; i++) {
                qemu = findQemu(harness.toHandle()).orElse(null);
                Thread.sleep(100);
            }
            assertNotNull(qemu, "the harness never started QEMU");
            Thread.sleep(3000);
            if (signal.equals("SIGTERM")) {
                harness.destroy();
            } else {
                harness.destroyForcibly();
            }
            assertTrue(harness.waitFor(30, TimeUnit.SECONDS), "harness did not exit on " + signal);
            ProcessHandle q = qemu;
            for (int i = 0; i < 100 && q.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertTrue(!q.isAlive(), "QEMU " + q.pid() + " outlived a harness ended by " + signal);
        } finally {
            harness.descendants().forEach(ProcessHandle::destroyForcibly);
            harness.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> findQemu(ProcessHandle parent) {
        return parent.descendants().filter(p -> p.info().command().orElse("").contains("qemu-system")).findFirst();
    }
}
