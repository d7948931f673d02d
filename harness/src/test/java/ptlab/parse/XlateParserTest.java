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
