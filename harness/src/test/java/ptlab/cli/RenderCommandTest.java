package ptlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ptlab.Outcome;
import ptlab.report.TestRuns;

class RenderCommandTest {
    @TempDir
    Path tmp;

    private static CommandLine cli(Object command, StringWriter out, StringWriter err) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        cl.setExitCodeExceptionMapper(ExitCodes::exitCodeOf);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl;
    }

    @Test
    void rendersAndExitsZeroWhenEveryOraclePasses() {
        Path run = TestRuns.copy(tmp.resolve("run"));
        StringWriter out = new StringWriter();
        int code = cli(new RenderCommand(), out, new StringWriter()).execute(run.toString());
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("PASS  ioctl PFN == pagemap PFN: 8 buffer pages"), out.toString());
        assertTrue(out.toString().contains("10 of 10 oracles passed"), out.toString());
        assertTrue(Files.exists(run.resolve("report.html")));
    }

    @Test
    void failedOracleExitsFail() {
        Path run = TestRuns.copy(tmp.resolve("run"));
        TestRuns.edit(run.resolve("raw/pagetable/getpfn.csv"), ",0x1a001,", ",0x1a00f,");
        StringWriter out = new StringWriter();
        assertEquals(Outcome.FAIL.exitCode(), cli(new RenderCommand(), out, new StringWriter()).execute(run.toString()));
        assertTrue(out.toString().contains("FAIL  ioctl PFN == pagemap PFN"), out.toString());
    }

    @Test
    void malformedInputIsAUsageErrorNamingFileAndLine() {
        Path run = TestRuns.copy(tmp.resolve("run"));
        TestRuns.edit(run.resolve("raw/access/params.txt"), "report_ms=1000", "report_ms=soon");
        StringWriter err = new StringWriter();
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cli(new RenderCommand(), new StringWriter(), err).execute(run.toString()));
        assertTrue(err.toString().contains("params.txt:7: field 'report_ms'"), err.toString());
    }
}
