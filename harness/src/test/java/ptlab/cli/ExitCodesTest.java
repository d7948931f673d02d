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
        assertTrue(err.toString().contains("no recipe named 'no-such-suite'"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine cl = Main.newCommandLine();
        for (String[] args : new String[][] {{"--help"}, {"image", "--help"}, {"image", "build", "--help"},
                {"vm", "smoke", "--help"}, {"vm", "shell", "--help"}, {"--version"}}) {
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute(args), String.join(" ", args));
            assertTrue(out.toString().length() > 10, String.join(" ", args));
        }
    }
}
