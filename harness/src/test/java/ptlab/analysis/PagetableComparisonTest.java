package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ptlab.report.PagetableCaptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.parse.GetpfnTable;
import ptlab.parse.PageLevel;
import ptlab.parse.PagemapTable;
import ptlab.parse.PagetableDump;

class PagetableComparisonTest {
    private final long[] pages = Tables2.pages(0x7f0000000000L, 3);
    private final PagemapTable pagemap = Tables2.table(pages, new long[] {0x10, 0x11, 0x20}, false, null);
    private final PagetableDump.Dump dump = new PagetableDump.Dump(5, "m", 1, List.of(
            new PagetableDump.Run(2, 0x7f0000000000L, 0x10000, 2, PageLevel.PTE),
            new PagetableDump.Run(3, 0x7f0000002000L, 0x20000, 1, PageLevel.PTE)), 1, 3, true);

    private GetpfnTable getpfn(long... pfn) {
        long[] vpn = new long[pfn.length];
        for (int i = 0; i < pfn.length; i++) {
            vpn[i] = pages[i] >>> 12;
        }
        return new GetpfnTable(vpn, pages.clone(), pfn, new long[pfn.length], new long[pfn.length]);
    }

    @Test
    void agreesEverywhere() {
        PagetableComparison c = PagetableComparison.compare(pages, pagemap, getpfn(0x10, 0x11, 0x20), dump, "");
        assertTrue(c.ioctlOracle().passed(), c.ioctlOracle().detail());
        assertTrue(c.dumpOracle().passed(), c.dumpOracle().detail());
        assertEquals("3 buffer pages, 3 agree, 0 disagree (0 without ioctl row, 0 without pagemap row)", c.ioctlOracle().detail());
        String caption = PagetableCaptions.pagetable(c, dump);
        assertTrue(caption.contains("3 of 3 buffer pages (100.0%)"), caption);
        assertTrue(caption.contains("pte 3, pmd 0, pud 0 pages"), caption);
    }

    @Test
    void reportsTheFirstDisagreement() {
        PagetableDump.Dump bad = new PagetableDump.Dump(5, "m", 1, List.of(
                new PagetableDump.Run(2, 0x7f0000000000L, 0x10000, 2, PageLevel.PTE)), 1, 2, true);
        PagetableComparison c = PagetableComparison.compare(pages, pagemap, getpfn(0x10, 0x12, 0x20), bad, "");
        assertFalse(c.ioctlOracle().passed());
        assertTrue(c.ioctlOracle().detail().contains("first: va=0x7f0000001000 ioctl=0x12 (errno 0) pagemap=0x11"), c.ioctlOracle().detail());
        assertFalse(c.dumpOracle().passed());
        assertTrue(c.dumpOracle().detail().contains("first: va=0x7f0000002000 dump=none pagemap=0x20"), c.dumpOracle().detail());
        assertFalse(PagetableComparison.compare(pages, pagemap, getpfn(0x10, 0x11, 0x20), null, "").dumpOracle().passed());
    }
}
