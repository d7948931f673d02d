package ptlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ptlab.Outcome;
import ptlab.files.Trees;

/** {@code harness submission inspect}: its exit codes and the state it prints for each part. */
class SubmissionCommandTest {
    private static final Path FIXTURES = Path.of("harness/src/test/resources/submissions");
    /** A part's first line: its name, then found / MISSING / AMBIGUOUS. */
    private static final Pattern PART = Pattern.compile("^(\\S+)\\s+(found|MISSING|AMBIGUOUS)\\b.*$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
        Map<String, String> states() {
            Map<String, String> m = new LinkedHashMap<>();
            Matcher x = PART.matcher(out);
            while (x.find()) {
                m.put(x.group(1), x.group(2));
            }
            return m;
        }
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // unpack under the test's folder, not the machine's /tmp
        String old = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            return new Result(cl.execute(args), out.toString(), err.toString());
        } finally {
            System.setProperty("java.io.tmpdir", old);
        }
    }

    @Test
    void everyPartFoundExitsZeroAndCleansUp() throws Exception {
        Result r = run("submission", "inspect", FIXTURES.resolve("seed-layout").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(Map.of("memalloc", "found", "pagemap", "found", "lkp25p3", "found", "part2-memalloc", "found"), r.states());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("4 of 4 parts of lkp25-p3 found")), r.out());
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the unpacked folder is deleted");
        }
    }

    @Test
    void anAmbiguousPartExitsOneAndPartSettlesIt() throws Exception {
        Path root = Trees.copy(FIXTURES.resolve("flat"), tmp.resolve("flat"));
        Files.createDirectories(root.resolve("old"));
        Files.copy(root.resolve("pagemap.c"), root.resolve("old/pagemap.c"));
        Result r = run("submission", "inspect", root.toString());
        assertEquals(Outcome.FAIL.exitCode(), r.code(), r.out());
        assertEquals("AMBIGUOUS", r.states().get("pagemap"));
        assertTrue(r.out().contains("settle it with --part pagemap=old/pagemap.c or --part pagemap=pagemap.c"), r.out());
        Result settled = run("submission", "inspect", root.toString(), "--part", "pagemap=pagemap.c");
        assertEquals(0, settled.code(), settled.out());
    }

    @Test
    void aRefusedArchiveIsAUsageErrorWithoutAStackTrace() throws Exception {
        Path bad = tmp.resolve("bad.tgz");
        try (var gz = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(Files.newOutputStream(bad));
                var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(gz)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("part2/../../../etc/cron.d/x", true);
            e.setSize(2);
            tar.putArchiveEntry(e);
            tar.write("x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            tar.closeArchiveEntry();
        }
        Result r = run("submission", "inspect", bad.toString());
        assertEquals(Outcome.USAGE_ERROR.exitCode(), r.code());
        assertEquals("USAGE_ERROR: refused bad.tgz: entry 'part2/../../../etc/cron.d/x': its name has a '..' component\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Result part = run("submission", "inspect", FIXTURES.resolve("flat").toString(), "--part", "kernel=x");
        assertEquals(Outcome.USAGE_ERROR.exitCode(), part.code());
        assertTrue(part.err().contains("no part named 'kernel'; parts are memalloc, pagemap, lkp25p3, part2-memalloc, pagetable,"
                + " pagetable-user"), part.err());
        Result outside = run("submission", "inspect", FIXTURES.resolve("flat").toString(), "--part", "lkp25p3=../x");
        assertEquals(Outcome.USAGE_ERROR.exitCode(), outside.code());
        Result assignment = run("submission", "inspect", FIXTURES.resolve("flat").toString(), "--assignment", "p4");
        assertEquals(Outcome.USAGE_ERROR.exitCode(), assignment.code());
        assertFalse(assignment.err().contains("\tat "), assignment.err());
    }

    @Test
    void thePagetableAssignment() {
        Result r = run("submission", "inspect", "--assignment", "pagetable", FIXTURES.resolve("pagetable").toString());
        assertEquals(0, r.code(), r.out());
        assertEquals(Map.of("pagetable", "found", "pagetable-user", "found"), r.states());
    }
}
