package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ptlab.analysis.OracleResult;
import ptlab.judge.Part1Judge.Cls;
import ptlab.parse.PagemapCsvParser;

/**
 * Students' Part 1 logs in several forms (fixtures/submission/part1-*, see make-part1.py there) against the
 * harness's truth of the same process: two runs of 48 pages each, 32 present and 16 never written.
 */
class Part1JudgeTest {
    private static Path run(String style, int k) {
        return Submissions.file(style, "part1", "run-" + k);
    }

    private static Part1Truth truth(Path run) {
        return new Part1Truth(List.of(PagemapCsvParser.parse(run.resolve("ptlab-truth-1-after.csv"))));
    }

    /** Both runs' student file {@code file} (under run-K/), judged as the programs ran as {@code user}. */
    private static Part1Judge.Result judge(String style, String file, String user) throws IOException {
        Part1Judge j = new Part1Judge(user);
        for (int k = 1; k <= 2; k++) {
            try (Stream<String> lines = Files.lines(run(style, k).resolve(file))) {
                j.read("run-" + k, truth(run(style, k)), file, lines.iterator());
            }
        }
        return j.result("first lines");
    }

    @Test
    void aTableWithAHeaderPassesAndItsLatencyColumnGivesTheUnit() throws IOException {
        Part1Judge.Result r = judge("part1-csv", "pm-1/va2pa.csv", "root");
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(64, r.counts().get(Cls.EXACT));
        assertEquals(32, r.counts().get(Cls.NOT_PRESENT));
        assertEquals(96, r.latNs().length);
        assertEquals("table: vaddr,paddr,latency_ns", r.sources().get(0).form());
        assertTrue(r.latNs()[0] >= 400 && r.latNs()[0] < 9000, "nanoseconds as written: " + r.latNs()[0]);
    }

    @Test
    void arrowsWithALatencyInMicrosecondsPass() throws IOException {
        Part1Judge.Result r = judge("part1-arrows", "pm-1/stdout.txt", "root");
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(64, r.counts().get(Cls.EXACT));
        assertEquals(96, r.latNs().length);
        assertTrue(r.latNs()[0] > 300, "0.4 us and more, in ns: " + r.latNs()[0]);
        assertEquals("free text, VA then PA on a line", r.sources().get(0).form());
    }

    @Test
    void aLogOfPfnsIsClassedPfnAndFails() throws IOException {
        Part1Judge.Result r = judge("part1-pfn", "pm-1/out.txt", "root");
        assertEquals(OracleResult.Status.FAILED, r.oracle().status(), r.oracle().detail());
        assertEquals(64, r.counts().get(Cls.PFN));
        assertEquals(0, r.counts().get(Cls.WRONG));
        assertTrue(r.evidence().get(0).startsWith("PFN VA 0x7f3a1c000000: truth 0x"), r.evidence().get(0));
    }

    @Test
    void zerosFromAnUnprivilegedReadAreNamedAsSuch() throws IOException {
        Part1Judge.Result r = judge("part1-unprivileged", "pm-1/va2pa.log", "nobody");
        assertEquals(OracleResult.Status.FAILED, r.oracle().status());
        assertEquals(64, r.counts().get(Cls.ZERO));
        assertTrue(r.oracle().detail().contains("a read of pagemap without CAP_SYS_ADMIN gives PFN 0 (the program ran as nobody"),
                r.oracle().detail());
        Part1Judge asRoot = new Part1Judge("root");
        try (Stream<String> l = Files.lines(run("part1-unprivileged", 1).resolve("pm-1/va2pa.log"))) {
            asRoot.read("run-1", truth(run("part1-unprivileged", 1)), "va2pa.log", l.iterator());
        }
        assertTrue(asRoot.result("").oracle().detail().contains("although the program ran as root"));
    }

    @Test
    void outputInNoKnownFormNeedsReviewWithTheLines() throws IOException {
        Part1Judge.Result r = judge("part1-unreadable", "pm-1/stdout.txt", "root");
        assertEquals(OracleResult.Status.NEEDS_REVIEW, r.oracle().status());
        assertTrue(r.oracle().detail().contains("no VA->PA pair recognised"), r.oracle().detail());
    }

    @Test
    void theHarnesssOwnCsvAndTheSeedsTwoNumbersALinePass() {
        Path r1 = run("part1-csv", 1);
        Part1Judge own = new Part1Judge("root");
        try (Stream<String> l = Files.lines(r1.resolve("ptlab-truth-1-after.csv"))) {
            own.read("run-1", truth(r1), "stdout.txt", l.iterator());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Part1Judge.Result o = own.result("");
        assertEquals(OracleResult.Status.PASSED, o.oracle().status(), o.oracle().detail());
        assertEquals(32, o.counts().get(Cls.EXACT));
        Part1Judge seed = new Part1Judge("root");
        seed.read("run-1", truth(r1), "va2pa.log", Stream.of("0x7f3a1c000010 0x" + Long.toHexString(firstPa(r1)) + " 6",
                "pid 4242 allocated 48 pages at 0x7f3a1c000010", "chunk 0x7f3a1c000010 67108864").iterator());
        Part1Judge.Result s = seed.result("");
        assertEquals(1, s.pairs(), "a chunk's size is no PA: " + s.counts());
        assertEquals(1, s.counts().get(Cls.PAGE), "the page's PA for a VA with an offset: " + s.counts());
        assertEquals(0, s.latNs().length, "a number without a unit is no latency");
    }

    private static long firstPa(Path run) {
        return PagemapCsvParser.parse(run.resolve("ptlab-truth-1-after.csv")).pa(0);
    }
}
