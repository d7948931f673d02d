package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.analysis.OracleResult;
import ptlab.parse.MemallocStatus;

/** An 8 s access run in each fixture: the student's reports in two readable forms and one no reader knows. */
class AccessJudgeTest {
    static AccessJudge.Result judge(String style) throws Exception {
        return AccessJudge.judge(Submissions.windows(style, "access", "ptlab: access begin", "ptlab: access end").get(0),
                MemallocStatus.parse(Submissions.file(style, "access", "memalloc.status")),
                Files.readString(Submissions.file(style, "access", "memalloc.out")));
    }

    @Test
    void perPageCountsMakeAHeatmap() throws Exception {
        AccessJudge.Result r = judge("seed-style");
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(AccessForms.Form.PAGE, r.form());
        // every 1,024th page is named: hot and warm pages at 10, so 10/1024 per page on average
        assertEquals("2048 of 2056 line(s) read as page index with count; 8 report(s) in the 9.00 s between the markers (the"
                + " harness asked for 8 s); mean per page (the seed's regions: memalloc printed none): hot [0, 256 MiB) 0.0098,"
                + " warm [256 MiB, 512 MiB) 0.0098, idle [512 MiB, 1 GiB) 0; memalloc: exit 0 after 8.10 s", r.oracle().detail());
        assertEquals(8, r.heatmap().complete());
        assertEquals(1024, r.heatmap().rows());
        // a named page every 4 MiB: active rows from 0 up to the end of warm, none in the idle half
        assertEquals(0, r.heatmap().active().get(0).startBytes());
        assertEquals(508L << 20, r.heatmap().active().get(r.heatmap().active().size() - 1).startBytes());
    }

    @Test
    void vaRangesUseTheBufferStartMemallocPrinted() throws Exception {
        AccessJudge.Result r = judge("table-style");
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(AccessForms.Form.VA_RANGE, r.form());
        assertEquals("buffer start 0x7f3a00000000 from the first address memalloc printed", r.baseNote());
        assertTrue(r.oracle().detail().contains("hot [0, 256 MiB) 10.0, warm [256 MiB, 512 MiB) 9.00, idle [512 MiB, 1 GiB) 0"),
                r.oracle().detail());
    }

    @Test
    void anUnknownFormNeedsReviewAndSaysTheProgramWaitedForInput() throws Exception {
        AccessJudge.Result r = judge("keyvalue-style");
        assertEquals(OracleResult.Status.NEEDS_REVIEW, r.oracle().status());
        assertNull(r.heatmap());
        assertEquals("8 line(s) between the markers, 0 in a known form; lines per second: min 0, median 1, max 1 over 10 s;"
                + " a person must read them (excerpt in the report); memalloc: exit 0 after 0.400 s; it seems to wait for input:"
                + " stdin was closed, so it read EOF and ended early", r.oracle().detail());
        assertTrue(r.excerpt().startsWith("kmsg.txt:3: lkp25p3: t=1s young=131072/262144 hot_avg=9.8"), r.excerpt());
    }

    @Test
    void formsReadTheUsualLines() {
        assertEquals(List.of(new AccessForms.Hit(AccessForms.Form.PAGE, 1234, 1235, 56)), AccessForms.read("page 1234: 56"));
        assertEquals(List.of(new AccessForms.Hit(AccessForms.Form.PAGE, 7, 8, 3)), AccessForms.read("lkp25p3: idx=7 count=3"));
        assertEquals(List.of(new AccessForms.Hit(AccessForms.Form.VA, 0x7f0000001000L, 0x7f0000002000L, 4)),
                AccessForms.read("va=0x7f0000001000 freq=4"));
        assertEquals(List.of(new AccessForms.Hit(AccessForms.Form.MIB_RANGE, 0, 256L << 20, 9.8)),
                AccessForms.read("[0MB-256MB]: avg 9.8"));
        assertEquals(List.of(new AccessForms.Hit(AccessForms.Form.PAGE_RANGE, 0, 256, 9)), AccessForms.read("pages 0-255: 9"));
        assertEquals(List.of(), AccessForms.read("lkp25p3: scan 3 took 812 us"));
    }

    /** The project's own module, run as a submission (bookworm 6.1, TCG): one run-length line a second. */
    @Test
    void runLengthReportsAreAFormOfTheirOwn() {
        long addr = 0x7f85338d7000L;
        assertEquals(List.of(new AccessForms.Hit(AccessForms.Form.RUN_LENGTH, 0, 131072, 10, addr),
                new AccessForms.Hit(AccessForms.Form.RUN_LENGTH, 131072, 262145, 0, addr)),
                AccessForms.read("lkp25p3: heat seq=1 t_ms=1005 addr=0x7f85338d7000 pages=262145 gran=1 part=1/1 first=0"
                        + " rle=10*131072,0*131073"));
        // a later part of a split report, two pages an entry, no VA: indices count from start=
        assertEquals(List.of(new AccessForms.Hit(AccessForms.Form.RUN_LENGTH, 512, 544, 3),
                new AccessForms.Hit(AccessForms.Form.RUN_LENGTH, 544, 546, 1)),
                AccessForms.read("heat part=2/4 start=512 gran=2 runs=3*16,1"));
    }

    @Test
    void bookkeepingAndSizesAreNoCounts() {
        String start = "lkp25p3: scan_start pid=381 addr=0x7f85338d7000 len=1073745920 pages=262145 period_ms=100";
        assertEquals("scan_start", AccessForms.bookkeeping(start));
        assertEquals(List.of(), AccessForms.read(start));
        assertEquals(List.of(), AccessForms.read("lkp25p3: heat_done seq=1 scans=10 present=262145 young=1310720"));
        // a VA followed by a size is no VA with a count, wherever the line comes from
        assertEquals(List.of(), AccessForms.read("lkp25p3: target addr=0x7f85338d7000 pages=262145"));
        assertNull(AccessForms.bookkeeping("lkp25p3: access report t=1s"));
    }

    @Test
    void theOwnSolutionsRunLengthReportsPassOverTheTimeItReallyRan() throws Exception {
        AccessJudge.Result r = judge("own-solution");
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(AccessForms.Form.RUN_LENGTH, r.form());
        assertEquals(64, r.heatmap().complete());
        // memalloc meant to run 120 s and was stopped at the harness's limit: 64 reports in 70.8 s is one a second;
        // under TCG the warm region read every 1 ms is touched in every scan, as hot as hot
        assertEquals(OWN_DETAIL, r.oracle().detail());
    }

    static final String OWN_DETAIL = "64 of 130 line(s) read as run-length page values (66 bookkeeping: heat_done, scan_start,"
            + " scan_target_gone); 64 report(s) in the 70.8 s between the markers (memalloc's own duration_s=120); mean per page"
            + " (regions as memalloc printed them): hot [0, 256 MiB) 9.94, warm [256 MiB, 512 MiB) 9.94, idle [512 MiB, 1 GiB) 0;"
            + " page 0 at the module's addr=0x7f85338d7000; buffer start 0x7f85338d7000 from memalloc's base=; memalloc: killed"
            + " by KILL after 71.0 s (timed out)";

    @Test
    void regionsComeFromWhatMemallocPrintedElseTheSeeds() {
        MemallocPrinted own = MemallocPrinted.of("access pid=1 base=0x7f0000000010 size=1073741824 hot=134217728"
                + " warm_start=268435456 warm_end=805306368 duration_s=120\n");
        assertEquals(List.of(0x7f0000000000L, 128L << 20, 256L << 20, 768L << 20, 120L),
                List.of(own.base(), own.hotEnd(), own.warmStart(), own.warmEnd(), own.durationS()));
        assertEquals("regions as memalloc printed them", own.regionNote());
        MemallocPrinted none = MemallocPrinted.of("buffer 0x7f3a00000000 size 1073741824\n");
        assertEquals(List.of(0x7f3a00000000L, 256L << 20, 256L << 20, 512L << 20), List.of(none.base(), none.hotEnd(),
                none.warmStart(), none.warmEnd()));
        assertEquals("the seed's regions: memalloc printed none", none.regionNote());
        MemallocPrinted outside = MemallocPrinted.of("hot=268435456 warm_start=268435456 warm_end=4294967296");
        assertEquals(512L << 20, outside.warmEnd());
        assertTrue(outside.regionNote().startsWith("the seed's regions: "), outside.regionNote());
    }
}
