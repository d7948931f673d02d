package ptlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ptlab.Outcome;
import ptlab.report.TestRuns;

class PackageCommandTest {
    @TempDir
    Path tmp;

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new PackageCommand());
        cl.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        cl.setExitCodeExceptionMapper(ExitCodes::exitCodeOf);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void writesTheTarballIntoTheRunFolder() throws Exception {
        Path src = tmp.resolve("src");
        for (String f : new String[] {"workloads/memalloc.c", "workloads/pagemap.c", "kmod/lkp25p3/lkp_proc.c", "kmod/lkp25p3/lkp_scan.c"}) {
            Files.createDirectories(src.resolve(f).getParent());
            Files.writeString(src.resolve(f), "int x;\n", StandardCharsets.UTF_8);
        }
        Path run = TestRuns.copy(tmp.resolve("run"));
        StringWriter out = new StringWriter();
        int code = run(out, new StringWriter(), run.toString(), "--id", "A1", "--source-root", src.toString());
        assertEquals(0, code, out.toString());
        assertTrue(Files.size(run.resolve("A1-lkp25-p3.tar.gz")) > 0);
        assertTrue(out.toString().contains("  part2/lkp_proc.c"), out.toString());
        assertTrue(out.toString().contains("  part2/lkp_scan.c"), out.toString());
        assertTrue(out.toString().contains("wrote " + run.resolve("A1-lkp25-p3.tar.gz")), out.toString());
    }

    @Test
    void missingIdIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(Outcome.USAGE_ERROR.exitCode(), run(new StringWriter(), err, tmp.toString()));
        assertTrue(err.toString().contains("--id"), err.toString());
    }
}
