package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class PagemapCsvParserTest {
    static final String HEADER = "va,pa,pfn,present,swapped,exclusive,file_shared,soft_dirty,zero_page,thp,lat_ns";
    @TempDir
    Path tmp;

    @Test
    void parsesRowsIntoColumns() {
        Path f = Files2.write(tmp, "p.csv", HEADER,
                "0x7f0000001000,0x41003000,0x41003,1,0,1,0,1,0,0,9120",
                "0x7f0000000000,0x200000000,0x200000,1,0,1,0,0,0,1,88",
                "0x7f0000002000,0x0,0x0,0,0,0,0,0,1,0,7000");
        PagemapTable t = PagemapCsvParser.parse(f);
        assertEquals(3, t.size());
        assertEquals(0x41003, t.pfn(0));
        assertTrue(t.has(0, PagemapTable.PRESENT));
        assertTrue(t.has(0, PagemapTable.SOFT_DIRTY));
        assertFalse(t.has(0, PagemapTable.THP));
        assertTrue(t.has(1, PagemapTable.THP));
        assertTrue(t.has(2, PagemapTable.ZERO_PAGE));
        assertEquals(9120, t.latNs(0));
        PagemapTable s = t.sortedByVa();
        assertEquals(0x7f0000000000L, s.va(0));
        assertEquals(0x200000, s.pfn(0));
        assertEquals(1, s.indexOfPage(0x7f0000001abcL));
        assertEquals(-1, s.indexOfPage(0x7f0000005000L));
    }

    @Test
    void findsColumnsByNameAndIgnoresExtras() {
        Path f = Files2.write(tmp, "p.csv", "lat_ns,extra,thp,zero_page,soft_dirty,file_shared,exclusive,swapped,present,pfn,pa,va",
                "500,x,0,0,0,0,0,0,1,0x10,0x10000,0x5000");
        PagemapTable t = PagemapCsvParser.parse(f);
        assertEquals(0x5000, t.va(0));
        assertEquals(500, t.latNs(0));
    }

    @Test
    void errorsNameLineAndColumn() {
        Path bad = Files2.write(tmp, "bad.csv", HEADER,
                "0x1000,0x2000,0x2,1,0,0,0,0,0,0,10",
                "0x2000,0x3000,0x3,1,0,0,0,0,0,0,1x");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> PagemapCsvParser.parse(bad));
        assertEquals(3, e.line());
        assertEquals("lat_ns", e.field());
        assertTrue(e.getMessage().contains("bad.csv:3"));
        Path flag = Files2.write(tmp, "flag.csv", HEADER, "0x1000,0x2000,0x2,2,0,0,0,0,0,0,10");
        assertEquals("present", assertThrows(SourceLocatedException.class, () -> PagemapCsvParser.parse(flag)).field());
        Path fields = Files2.write(tmp, "fields.csv", HEADER, "0x1000,0x2000,0x2,1,0,0,0,0,0,0");
        assertEquals(2, assertThrows(SourceLocatedException.class, () -> PagemapCsvParser.parse(fields)).line());
        Path header = Files2.write(tmp, "header.csv", "va,pa,pfn");
        SourceLocatedException h = assertThrows(SourceLocatedException.class, () -> PagemapCsvParser.parse(header));
        assertEquals(1, h.line());
        assertEquals("present", h.field());
    }

    @Test
    void streamsHalfAMillionRowsQuickly() throws Exception {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        int n = 524_288;
        for (int i = 0; i < n; i++) {
            long va = 0x7f0000000000L + i * 4096L;
            long pfn = 0x100000 + i;
            sb.append("0x").append(Long.toHexString(va)).append(",0x").append(Long.toHexString(pfn << 12)).append(",0x")
                    .append(Long.toHexString(pfn)).append(",1,0,1,0,1,0,1,").append(9000 + i % 100).append('\n');
        }
        Path f = tmp.resolve("big.csv");
        java.nio.file.Files.writeString(f, sb);
        long t0 = System.nanoTime();
        PagemapTable t = PagemapCsvParser.parse(f);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(n, t.size());
        assertEquals(0x100000 + n - 1, t.pfn(n - 1));
        assertTrue(ms < 10_000, "took " + ms + " ms");
    }
}
