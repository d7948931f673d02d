package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class HeatParserTest {
    @TempDir
    Path tmp;

    @Test
    void assemblesReportsFromPartsInAnyOrder() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp,
                "lkp25p3: scan_start pid=7 addr=0x1000 pages=6",
                "lkp25p3: heat seq=1 t_ms=1000 addr=0x1000 pages=6 part=2/2 first=3 rle=0*3",
                "lkp25p3: heat seq=1 t_ms=1000 addr=0x1000 pages=6 part=1/2 first=0 rle=10,9*2",
                "lkp25p3: heat_done seq=1 scans=10 scan_ns_avg=900 scan_ns_max=1000 present=6 thp=0 young=3",
                "lkp25p3: heat seq=2 t_ms=2000 addr=0x1000 pages=6 part=1/2 first=0 rle=10*3",
                "lkp25p3: scan_stop scans=20"));
        HeatLog h = HeatParser.parse(log);
        assertEquals(2, h.reports().size());
        HeatReport r1 = h.reports().get(0);
        assertNull(r1.problem());
        assertArrayEquals(new int[] {10, 9, 9, 0, 0, 0}, r1.decode());
        assertEquals(900, r1.done().orElseThrow().num("scan_ns_avg"));
        HeatReport r2 = h.reports().get(1);
        assertFalse(r2.complete());
        assertTrue(r2.problem().contains("pages 3..5 missing"), r2.problem());
        assertThrows(IllegalStateException.class, r2::decode);
        assertEquals(1, h.completeReports().size());
        assertEquals(1, h.incompleteReports().size());
        assertEquals("20", h.scanStop().str("scans"));
        assertEquals("7", h.scanStart().str("pid"));
    }

    @Test
    void overlappingOrMismatchedPartsAreIncomplete() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp,
                "lkp25p3: heat seq=1 t_ms=1000 addr=0x1000 pages=4 part=1/2 first=0 rle=1*3",
                "lkp25p3: heat seq=1 t_ms=1000 addr=0x1000 pages=4 part=2/2 first=2 rle=1*2",
                "lkp25p3: heat seq=2 t_ms=2000 addr=0x1000 pages=4 part=1/1 first=0 rle=1*5",
                "lkp25p3: heat seq=3 t_ms=3000 addr=0x1000 pages=4 part=1/3 first=0 rle=1*4"));
        HeatLog h = HeatParser.parse(log);
        assertTrue(h.reports().get(0).problem().contains("overlap"));
        assertTrue(h.reports().get(1).problem().contains("cover 5 pages"));
        assertTrue(h.reports().get(2).problem().contains("expected 3 parts"));
        assertEquals(0, h.completeReports().size());
    }

    @Test
    void usesTheLastSessionWithReports() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp,
                "lkp25p3: scan_start run=1",
                "lkp25p3: heat seq=1 t_ms=1000 addr=0x1000 pages=1 part=1/1 first=0 rle=3",
                "lkp25p3: scan_stop",
                "lkp25p3: scan_start run=2",
                "lkp25p3: heat seq=1 t_ms=1000 addr=0x2000 pages=1 part=1/1 first=0 rle=5",
                "lkp25p3: scan_stop",
                "lkp25p3: scan_start run=3"));
        HeatLog h = HeatParser.parse(log);
        assertEquals(3, h.sessions());
        assertEquals("2", h.scanStart().str("run"));
        assertArrayEquals(new int[] {5}, h.reports().get(0).decode());
    }

    @Test
    void badRleNamesTheKmsgLine() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp, "lkp25p3: heat seq=1 t_ms=1000 addr=0x1000 pages=4 part=1/1 first=0 rle=1*x"));
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> HeatParser.parse(log));
        assertEquals(1, e.line());
        assertEquals("heat.rle", e.field());
        KmsgLog log2 = KmsgParser.parse(Files2.kmsg(tmp, "lkp25p3: heat seq=1 t_ms=1000 addr=0x1000 pages=4 part=1-1 first=0 rle=1"));
        assertEquals("heat.part", assertThrows(SourceLocatedException.class, () -> HeatParser.parse(log2)).field());
    }
}
