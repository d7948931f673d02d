package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
        assertEquals("2048 of 2056 line(s) read as page index with count; 8 report(s) for 8 s; mean per page: hot [0, 256 MiB)"
                + " 0.0098, warm [256, 512 MiB) 0.0098, idle [512 MiB, 1 GiB) 0; memalloc: exit 0 after 8.10 s", r.oracle().detail());
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
        assertTrue(r.oracle().detail().contains("mean per page: hot [0, 256 MiB) 10.0, warm [256, 512 MiB) 9.00, idle [512 MiB,"
                + " 1 GiB) 0"), r.oracle().detail());
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
        assertEquals(new AccessForms.Hit(AccessForms.Form.PAGE, 1234, 1235, 56), AccessForms.read("page 1234: 56"));
        assertEquals(new AccessForms.Hit(AccessForms.Form.PAGE, 7, 8, 3), AccessForms.read("lkp25p3: idx=7 count=3"));
        assertEquals(new AccessForms.Hit(AccessForms.Form.VA, 0x7f0000001000L, 0x7f0000002000L, 4),
                AccessForms.read("va=0x7f0000001000 freq=4"));
        assertEquals(new AccessForms.Hit(AccessForms.Form.MIB_RANGE, 0, 256L << 20, 9.8), AccessForms.read("[0MB-256MB]: avg 9.8"));
        assertEquals(new AccessForms.Hit(AccessForms.Form.PAGE_RANGE, 0, 256, 9), AccessForms.read("pages 0-255: 9"));
        assertNull(AccessForms.read("lkp25p3: scan 3 took 812 us"));
    }
}
