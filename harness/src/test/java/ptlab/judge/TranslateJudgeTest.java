package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ptlab.analysis.OracleResult;
import ptlab.judge.TranslateJudge.Cls;
import ptlab.parse.MarkedWindows;
import ptlab.parse.TruthCsvParser;

/**
 * Each fixture is one student style: 128 VAs written, 64 on 4 KiB pages, 63 inside two THPs, one without a page
 * (not judged); i=5's write returned EFAULT.
 */
class TranslateJudgeTest {
    static TranslateJudge.Result judge(String style) {
        return TranslateJudge.judge(TruthCsvParser.parse(Submissions.file(style, "translate", "truth.csv")),
                Submissions.windows(style, "translate", "ptlab: xlate begin", "ptlab: xlate end"));
    }

    private static String counts(Map<Cls, Integer> m) {
        return m.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        // style; all classes; THP classes; status; recognised ns latencies; cycles
        "seed-style;      EXACT=127 NO_TRUTH=1;  EXACT=63;  PASSED; 127; 0",
        "table-style;     EXACT=127 NO_TRUTH=1;  EXACT=63;  PASSED; 127; 0",
        "keyvalue-style;  EXACT=127 NO_TRUTH=1;  EXACT=63;  PASSED; 128; 0",
        "pfn;             PFN=127 NO_TRUTH=1;    PFN=63;    FAILED; 0;   128",
        "no-offset;       PAGE=127 NO_TRUTH=1;   PAGE=63;   FAILED; 128; 0",
        "thp-wrong;       EXACT=64 WRONG=63 NO_TRUTH=1; WRONG=63; FAILED; 128; 0",
        "silent;          NOTHING=127 NO_TRUTH=1; NOTHING=63; FAILED; 0; 0",
    })
    void classesEachVaOfEachStyle(String style, String all, String huge, OracleResult.Status status, int lat, int cycles) {
        TranslateJudge.Result r = judge(style);
        assertEquals(all, counts(r.all()), r.oracle().detail());
        assertEquals(huge, counts(r.huge()), r.oracle().detail());
        assertEquals(status, r.oracle().status(), r.oracle().detail());
        assertEquals(TranslateJudge.NAME, r.oracle().name());
        assertEquals(lat, r.latNs().length);
        assertEquals(cycles, r.cycles().length);
    }

    @Test
    void detailCountsEveryClassAndNotesTheErrorWrite() {
        String d = judge("seed-style").oracle().detail();
        assertTrue(d.startsWith("128 VAs written, 127 judged: EXACT 127, PAGE 0, PFN 0, WRONG 0, NOTHING 0 (100.0% exact);"
                + " THP-backed (huge=1) 63: EXACT 63, PAGE 0, PFN 0, WRONG 0, NOTHING 0; 4 KiB pages 64: EXACT 64,"), d);
        assertTrue(d.contains("; 1 write(s) returned an error, 1 of them logged the exact PA anyway (counted)"), d);
        assertTrue(d.contains("; 1 VA(s) without a page when the harness looked (not judged)"), d);
    }

    @Test
    void thpFailureIsNamedAndQuotesTheStudentsLine() {
        TranslateJudge.Result r = judge("thp-wrong");
        assertTrue(r.oracle().detail().contains("(wrong on THP-backed pages: exact on 4 KiB pages only)"), r.oracle().detail());
        String first = r.evidence().get(0);
        assertEquals("i=64 VA 0x7f3a40000908, true PA 0x21400908 (THP): WRONG (numbers offered: 0x214008e7)\n"
                + "    kmsg.txt:195: lkp25p3: VA=0x7f3a40000908 PA=0x214008e7 latency=1483ns", first);
        assertEquals(TranslateJudge.EVIDENCE, r.evidence().size());
    }

    @Test
    void hintsNameTheUsualMistakes() {
        assertTrue(judge("pfn").oracle().detail().contains("most lines give the PFN, not the PA"));
        assertTrue(judge("no-offset").oracle().detail().contains("most lines give the page's PA without the offset in the page"));
        assertTrue(judge("silent").oracle().detail().contains("nothing was logged for any VA"));
        assertTrue(judge("silent").evidence().get(0).endsWith("NOTHING; no line between the markers"), judge("silent").evidence().get(0));
    }

    @Test
    void latenciesAreConvertedToNanoseconds() {
        // table-style prints "1.2 us", keyvalue-style "3us" in a second record, no-offset "0.84 µs"
        assertEquals(1200.0, TranslateJudge.answer(row(0x1000, 0x2000), lines("| 0x1000 | 0x2000 | 1.2 us |")).latNs());
        assertEquals(3000.0, TranslateJudge.answer(row(0x1000, 0x2000), lines("lkp25p3: va=0x1000", "lkp25p3: pa=0x2000 t=3us"))
                .latNs());
        assertEquals(840.0, TranslateJudge.answer(row(0x1000, 0x2000), lines("=> 0x2000 in 0.84 µs")).latNs());
        assertEquals(812.0, TranslateJudge.answer(row(0x1000, 0x2000), lines("lat_ns=812 pa=0x2000")).latNs());
        TranslateJudge.Answer c = TranslateJudge.answer(row(0x1000, 0x2000), lines("pa 0x2000 in 950 cycles"));
        assertTrue(Double.isNaN(c.latNs()));
        assertEquals(950.0, c.cycles());
    }

    @Test
    void bareHexWithoutALetterStillMatches() {
        // a %lx PA may have no letter: read as hex too
        assertEquals(Cls.EXACT, TranslateJudge.answer(row(0x7f0000001000L, 0x12345000), lines("7f0000001000 12345000")).cls());
        assertEquals(Cls.EXACT, TranslateJudge.answer(row(0x7f0000001000L, 305414144), lines("phys=305414144")).cls());
    }

    private static TruthCsvParser.Row row(long va, long pa) {
        return new TruthCsvParser.Row(0, va, pa, false, 1000, 0);
    }

    private static List<MarkedWindows.Line> lines(String... text) {
        return java.util.Arrays.stream(text).map(t -> new MarkedWindows.Line(1, 0, t)).toList();
    }
}
