package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class XlateParserTest {
    @TempDir
    Path tmp;

    @Test
    void parsesTranslationsAndErrors() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp,
                "lkp25p3: xlate va=0x7f2000003123 pa=0x41009123 pfn=0x41009 level=pte lat_ns=275",
                "random other line",
                "lkp25p3: xlate_stats ignored=1",
                "lkp25p3: xlate va=0x7f2000008000 pa=0x200008000 pfn=0x200008 level=pmd lat_ns=246",
                "lkp25p3: xlate va=0xdead000 err=ENOENT"));
        List<XlateRecord> r = XlateParser.parse(log);
        assertEquals(3, r.size());
        assertEquals(0x41009123L, r.get(0).pa());
        assertEquals(PageLevel.PTE, r.get(0).level());
        assertEquals(PageLevel.PMD, r.get(1).level());
        assertFalse(r.get(1).failed());
        assertTrue(r.get(2).failed());
        assertEquals("ENOENT", r.get(2).err());
        assertEquals(PageLevel.NONE, r.get(2).level());
        assertEquals(5, r.get(2).line());
    }

    @Test
    void clockPairIsReadAndSubtractedWhenLogged() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp,
                "lkp25p3: xlate va=0x7f2000003000 pa=0x41009000 pfn=0x41009 level=pte lat_ns=275 clk_ns=40",
                "lkp25p3: xlate va=0x7f2000004000 pa=0x4100a000 pfn=0x4100a level=pte lat_ns=30 clk_ns=45",
                "lkp25p3: xlate va=0x7f2000005000 pa=0x4100b000 pfn=0x4100b level=pte lat_ns=300",
                "lkp25p3: xlate va=0x1000 pa=0x0 pfn=0x0 level=none lat_ns=0 clk_ns=0 err=no_vma"));
        List<XlateRecord> r = XlateParser.parse(log);
        assertEquals(40, r.get(0).clkNs());
        assertEquals(235, r.get(0).walkNs());
        assertEquals(0, r.get(1).walkNs(), "a walk faster than the clock pair is 0, not negative");
        assertEquals(-1, r.get(2).clkNs(), "an older module logs no clk_ns");
        assertEquals(300, r.get(2).walkNs());
        assertTrue(r.get(3).failed());
        assertEquals(0, r.get(3).clkNs());
        KmsgLog bad = KmsgParser.parse(Files2.kmsg(tmp,
                "lkp25p3: xlate va=0x1000 pa=0x2000 pfn=0x2 level=pte lat_ns=3 clk_ns=x1"));
        assertEquals("xlate.clk_ns", assertThrows(SourceLocatedException.class, () -> XlateParser.parse(bad)).field());
    }

    @Test
    void malformedTranslationNamesTheKmsgLine() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp, "lkp25p3: xlate va=0x1000 pa=0x2000 pfn=0x2 level=pte lat_ns=3",
                "lkp25p3: xlate va=0x1000 pa=0x2000 pfn=0x2 level=p4d lat_ns=3"));
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> XlateParser.parse(log));
        assertEquals(2, e.line());
        assertEquals("xlate.level", e.field());
        KmsgLog log2 = KmsgParser.parse(Files2.kmsg(tmp, "lkp25p3: xlate va=0x1000 lat_ns=3"));
        assertEquals("xlate.pa", assertThrows(SourceLocatedException.class, () -> XlateParser.parse(log2)).field());
    }
}
