package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.parse.PageLevel;
import ptlab.parse.PagemapTable;
import ptlab.parse.XlateRecord;

class XlateComparisonTest {
    private final PagemapTable pagemap = Tables2.table(Tables2.pages(0x7f0000000000L, 2), new long[] {0x41000, 0x200001}, false, null);

    @Test
    void passesWhenEveryPaMatchesWithOffsets() {
        List<XlateRecord> m = List.of(
                new XlateRecord(1, 0x7f0000000123L, 0x41000123L, 0x41000, PageLevel.PTE, 300, ""),
                new XlateRecord(2, 0x7f0000001000L, 0x200001000L, 0x200001, PageLevel.PMD, 250, ""));
        XlateComparison c = XlateComparison.compare(m, pagemap, pagemap, 2);
        assertTrue(c.oracle().passed(), c.oracle().detail());
        assertEquals(2, c.matched());
        assertEquals("2 translations: 2 match, 0 mismatch, 0 not in pagemap; the workload wrote 2 VAs", c.oracle().detail());
    }

    @Test
    void failsOnMismatchOrMissingPage() {
        List<XlateRecord> m = List.of(
                new XlateRecord(1, 0x7f0000000000L, 0x41001000L, 0x41001, PageLevel.PTE, 300, ""),
                new XlateRecord(2, 0x7f0000009000L, 0x1000L, 0x1, PageLevel.PTE, 300, ""));
        XlateComparison c = XlateComparison.compare(m, pagemap, null, -1);
        assertFalse(c.oracle().passed());
        assertEquals(1, c.mismatched());
        assertEquals(1, c.missing());
        assertTrue(c.oracle().detail().contains("first problem: va=0x7f0000000000 module pa=0x41001000 pagemap pa=0x41000000"),
                c.oracle().detail());
        assertEquals("mismatch", c.rows().get(0).status());
    }

    @Test
    void moduleErrorAgreesOnlyWithAnAbsentPage() {
        PagemapTable absent = new PagemapTable(new long[] {0x1000}, new long[] {0}, new long[] {0}, new byte[] {0}, new long[] {1});
        XlateRecord err = new XlateRecord(1, 0x1000, 0, 0, PageLevel.NONE, 0, "ENOENT");
        assertTrue(XlateComparison.compare(List.of(err), absent, null, 1).oracle().passed());
        assertFalse(XlateComparison.compare(List.of(new XlateRecord(1, 0x7f0000000000L, 0, 0, PageLevel.NONE, 0, "EFAULT")),
                pagemap, null, 1).oracle().passed());
        assertFalse(XlateComparison.compare(List.of(), pagemap, null, 0).oracle().passed());
    }
}
