package ptlab.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.parse.PageLevel;
import ptlab.parse.PagemapTable;
import ptlab.parse.XlateRecord;

class XlateSectionTest {
    @Test
    void pagemapLatenciesAreTakenOnTheModulesPagesOnly() {
        long base = 0x7f0000000000L;
        PagemapTable t = new PagemapTable(new long[] {base, base + 0x1000, base + 0x2000, base + 0x3000},
                new long[] {0x1000, 0x2000, 0x3000, 0x4000}, new long[] {1, 2, 3, 4}, new byte[] {1, 1, 1, 1},
                new long[] {100, 200, 300, 400});
        List<XlateRecord> module = List.of(
                new XlateRecord(1, base + 0x1000, 0x2000, 2, PageLevel.PTE, 7, ""),
                new XlateRecord(2, base + 0x3abc, 0x4abc, 4, PageLevel.PTE, 8, ""),
                new XlateRecord(3, base + 0x2000, 0, 0, PageLevel.NONE, 9, "not_present"));
        assertArrayEquals(new long[] {200, 400}, XlateSection.latenciesAt(t, module));
    }
}
