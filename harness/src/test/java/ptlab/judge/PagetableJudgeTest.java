package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.analysis.OracleResult;
import ptlab.parse.MarkedWindows;
import ptlab.parse.PagemapTable;

/** Part A dumps in three students' forms against a buffer of 8 pages whose PAs the test chose. */
class PagetableJudgeTest {
    static final long BASE = 0x7f0000000000L;
    /** Pages 0-3 contiguous at 0x1000000, pages 4-7 at 0x2000000 (two runs). */
    static final long[] PA = {0x1000000, 0x1001000, 0x1002000, 0x1003000, 0x2000000, 0x2001000, 0x2002000, 0x2003000};

    static PagemapTable truth() {
        int n = PA.length;
        long[] va = new long[n];
        long[] pfn = new long[n];
        byte[] flags = new byte[n];
        for (int i = 0; i < n; i++) {
            va[i] = BASE + i * 4096L;
            pfn[i] = PA[i] >> 12;
            flags[i] = PagemapTable.PRESENT;
        }
        return new PagemapTable(va, PA.clone(), pfn, flags, new long[n]);
    }

    static List<MarkedWindows.Line> lines(String... text) {
        List<MarkedWindows.Line> out = new ArrayList<>();
        for (int i = 0; i < text.length; i++) {
            out.add(new MarkedWindows.Line(i + 1, 1000L * i, text[i]));
        }
        return out;
    }

    @Test
    void runsWithAPageCountCoverTheBufferAndPass() {
        PagetableJudge.Result r = PagetableJudge.judge(truth(), truth(), lines(
                "pagetable: map va=0x7f0000000000 pa=0x1000000 pages=4 level=pte",
                "pagetable: map va=0x7f0000004000 pa=0x2000000 pages=4 level=pte",
                "pagetable: map va=0x55d0c0de0000 pa=0x3000000 pages=1 level=pte"));
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(8, r.right());
        assertTrue(r.oracle().detail().startsWith("8 of the buffer's 8 present pages logged right (100.0%)"),
                r.oracle().detail());
    }

    @Test
    void onePairALineWithArrowsPassesAndPfnsInsteadOfPasAreSaid() {
        List<String> perPage = new ArrayList<>();
        List<String> pfns = new ArrayList<>();
        for (int i = 0; i < PA.length; i++) {
            perPage.add(String.format("[%d] VA: 0x%x -> PA: 0x%x", i, BASE + i * 4096L, PA[i]));
            pfns.add(String.format("vpn %x pfn %x", (BASE >> 12) + i, PA[i] >> 12));
        }
        assertEquals(OracleResult.Status.PASSED,
                PagetableJudge.judge(truth(), truth(), lines(perPage.toArray(String[]::new))).oracle().status());
        PagetableJudge.Result r = PagetableJudge.judge(truth(), truth(), lines(pfns.toArray(String[]::new)));
        assertEquals(OracleResult.Status.FAILED, r.oracle().status());
        assertEquals(0, r.right(), "a VPN is no VA of the buffer: nothing is judged right");
    }

    @Test
    void aWrongPaIsNamedWithTheStudentsLine() {
        PagetableJudge.Result r = PagetableJudge.judge(truth(), truth(), lines(
                "map va=0x7f0000000000 pa=0x1000000 pages=4", "map va=0x7f0000004000 pa=0x9000000 pages=4"));
        assertEquals(OracleResult.Status.FAILED, r.oracle().status());
        assertEquals(4, r.right());
        assertEquals(4, r.wrong());
        assertEquals("VA 0x7f0000004000: true PA 0x2000000, logged 0x9000000 in: map va=0x7f0000004000 pa=0x9000000 pages=4",
                r.evidence().get(0));
    }
}
