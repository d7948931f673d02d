package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class PagetableDumpParserTest {
    @TempDir
    Path tmp;

    @Test
    void parsesDumpsAndTranslates() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp,
                "pagetable: dump begin pid=42 comm=mem alloc",
                "pagetable: map va=0x7f0000200000 pa=0x80000000 pages=512 level=pmd",
                "pagetable: map va=0x7f0000000000 pa=0x1a000000 pages=2 level=pte",
                "pagetable: dump end pid=42 vmas=2 pages=514 runs=2",
                "pagetable: dump begin pid=43 comm=x",
                "pagetable: map va=0x1000 pa=0x2000 pages=1 level=pte",
                "pagetable: dump end pid=43 vmas=1 pages=1 runs=2",
                "pagetable: dump begin pid=44 comm=y",
                "pagetable: dump end pid=44 vmas=0 pages=5 runs=0"));
        PagetableDump d = PagetableDumpParser.parse(log);
        assertEquals(2, d.complete().size());
        assertEquals(1, d.incomplete());
        PagetableDump.Dump first = d.complete().get(0);
        assertEquals("mem alloc", first.comm());
        assertTrue(first.pagesAgree());
        assertEquals(0x7f0000000000L, first.runs().get(0).va());
        assertEquals(0x1a001000L, first.translate(0x7f0000001000L));
        assertEquals(0x80000000L + 0x1234, first.translate(0x7f0000201234L));
        assertEquals(PageLevel.PMD, first.levelOf(0x7f0000201234L));
        assertEquals(-1, first.translate(0x7f0000002000L));
        assertFalse(d.last().orElseThrow().pagesAgree());
    }

    @Test
    void badLevelNamesTheLine() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp, "pagetable: dump begin pid=1 comm=a",
                "pagetable: map va=0x1000 pa=0x2000 pages=1 level=huge"));
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> PagetableDumpParser.parse(log));
        assertEquals(2, e.line());
        assertEquals("map.level", e.field());
    }
}
