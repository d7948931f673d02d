package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import ptlab.parse.PagemapTable;

class ContiguityTest {
    @Test
    void countsRunsSegmentsAndHugePages() {
        // VA: 6 consecutive pages, then a gap, then 2 pages; PFN: runs 3 | 2 | 1 | 2
        long[] va = {0x10000, 0x11000, 0x12000, 0x13000, 0x14000, 0x15000, 0x40000, 0x41000};
        long[] pfn = {100, 101, 102, 500, 501, 7, 8, 9};
        PagemapTable t = Tables2.table(va, pfn, false, null);
        PageRuns runs = PageRuns.of(t);
        Contiguity c = Contiguity.of(t, runs);
        assertEquals(8, c.pages());
        assertEquals(2, c.vaSegments());
        assertEquals(6, c.vaPairs());
        assertEquals(4, c.physPairs());
        assertEquals(4.0 / 6, c.contiguousFraction(), 1e-12);
        assertEquals(4, c.runs());
        assertEquals(3, c.largestRun());
        assertEquals(8, runs.totalPages());
        assertEquals(7L << 12, c.minPa());
        assertEquals(501L << 12, c.maxPa());
        assertEquals(0.0, c.hugeFraction());
    }

    @Test
    void hugePagesAndSortingByVa() {
        long[] va = Tables2.pages(0x200000, 4);
        long[] pfn = {0x800, 0x801, 0x802, 0x803};
        PagemapTable t = Tables2.table(new long[] {va[2], va[3], va[0], va[1]}, new long[] {pfn[2], pfn[3], pfn[0], pfn[1]}, true, null)
                .sortedByVa();
        Contiguity c = Contiguity.of(t, PageRuns.of(t));
        assertEquals(1, c.runs());
        assertEquals(1.0, c.contiguousFraction());
        assertEquals(1.0, c.hugeFraction());
        assertEquals(1, c.vaSegments());
    }

    @Test
    void hiddenPfnsAreNotRuns() {
        PagemapTable t = Tables2.table(Tables2.pages(0x1000, 3), new long[] {0, 0, 0}, false, null);
        Contiguity c = Contiguity.of(t, PageRuns.of(t));
        assertEquals(3, c.pfnHidden());
        assertEquals(0, c.runs());
        assertEquals(-1, c.minPa());
        OracleResult r = PagemapSanityOracle.check("4k", c);
        assertEquals(false, r.passed());
        assertEquals("3 pages, 3 present, 3 with PFN 0 (hidden), 0 zero-page", r.detail());
    }
}
