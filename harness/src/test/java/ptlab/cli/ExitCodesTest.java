package ptlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.util.RepoRoot;

class ExitCodesTest {
    @Test
    void everyOutcomeHasItsOwnCode() {
        Set<Integer> codes = new HashSet<>();
        for (Outcome o : Outcome.values()) {
            assertTrue(codes.add(o.exitCode()), "duplicate exit code " + o.exitCode());
        }
        assertEquals(0, Outcome.PASS.exitCode());
    }

    @Test
    void exceptionsMapToOutcomes() {
        assertEquals(Outcome.KERNEL_CRASH, ExitCodes.outcomeOf(new HarnessException(Outcome.KERNEL_CRASH, "x")));
        assertEquals(Outcome.INFRA_ERROR, ExitCodes.outcomeOf(new RuntimeException(HarnessException.infra("ssh"))));
        assertEquals(Outcome.INTERRUPTED, ExitCodes.outcomeOf(new RuntimeException(new InterruptedException())));
        assertEquals(Outcome.INFRA_ERROR, ExitCodes.outcomeOf(new IllegalStateException("bug")));
    }

    @Test
    void badOptionIsAUsageError() {
        CommandLine cl = Main.newCommandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("vm", "smoke", "--accel", "warp"));
    }

    @Test
    void unknownRecipeIsAUsageErrorWithoutStackTrace() {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("image", "build", "no-such-suite"));
        // the message a spec's images entry gets too: one resolver for both
        assertEquals("USAGE_ERROR: no image recipe vm-images/no-such-suite.yaml under " + RepoRoot.find()
                + " (known: bookworm, bullseye, sid, trixie)", err.toString().strip(), "one line, no stack trace");
    }

    @Test
    void badRunOptionsAreUsageErrors() {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("run", "experiments/quick-part2.yaml", "--accel", "warp",
                "--dry-run"));
        assertTrue(err.toString().contains("expected auto, kvm or tcg"), err.toString());
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("run", "experiments/quick-part2.yaml", "--jobs", "0"));
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("run", "experiments/no-such.yaml", "--dry-run"));
    }

    @Test
    void dryRunPrintsThePlanAndBootsNothing() {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("run", "experiments/quick-part2.yaml", "--dry-run"));
        assertTrue(out.toString().contains("build-lkp25p3"), out.toString());
        assertTrue(out.toString().contains("access"), out.toString());
        assertEquals(0, ptlab.vm.QemuReaper.liveCount());
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine cl = Main.newCommandLine();
        for (String[] args : new String[][] {{"--help"}, {"image", "--help"}, {"image", "build", "--help"},
                {"vm", "smoke", "--help"}, {"vm", "shell", "--help"}, {"run", "--help"}, {"render", "--help"},
                {"package", "--help"}, {"image", "list", "--help"}, {"image", "show", "--help"}, {"--version"}}) {
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute(args), String.join(" ", args));
            assertTrue(out.toString().length() > 10, String.join(" ", args));
        }
    }
}
