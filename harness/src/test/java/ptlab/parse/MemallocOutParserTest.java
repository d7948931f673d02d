package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class MemallocOutParserTest {
    @TempDir
    Path tmp;

    @Test
    void parsesHeaderChunksReadyAndExtraKeys() {
        Path f = Files2.write(tmp, "memalloc.out",
                "memalloc pid=101 scheme=4k size=8192 thp=never chunks=2 alloc_ns=5 touch_ns=6 future_key=7",
                "chunk 0x7f0000000010 4096",
                "chunk 0x7f0000001020 0x1000",
                "xlate pid=101 base=0x7f0000000000 pages=2 written=2 errors=0",
                "ready",
                "access t=1 hot_passes=3 warm_passes=2");
        MemallocOut m = MemallocOutParser.parse(f);
        MemallocOut.Tagged head = m.require("memalloc");
        assertEquals(101, m.num(head, "pid"));
        assertEquals("4k", head.kv().str("scheme"));
        assertEquals("7", head.kv().str("future_key"));
        assertEquals(2, m.chunks().size());
        assertEquals(0x7f0000001020L, m.chunks().va(1));
        assertEquals(4096, m.chunks().len(1));
        assertEquals(8192, m.chunks().totalBytes());
        assertTrue(m.ready());
        assertEquals(2, m.num(m.require("xlate"), "written"));
        assertEquals(1, m.all("access").size());
        // two 4 KiB chunks with 16-byte headers touch three pages
        assertArrayEquals(new long[] {0x7f0000000000L, 0x7f0000001000L, 0x7f0000002000L}, m.chunks().pages());
    }

    @Test
    void malformedLinesNameFileLineAndField() {
        Path f = Files2.write(tmp, "a.out", "memalloc pid=1", "chunk 0x10");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> MemallocOutParser.parse(f));
        assertEquals(2, e.line());
        assertEquals("chunk", e.field());
        Path g = Files2.write(tmp, "b.out", "memalloc pid=1 oops");
        assertEquals(1, assertThrows(SourceLocatedException.class, () -> MemallocOutParser.parse(g)).line());
        Path h = Files2.write(tmp, "c.out", "memalloc pid=1", "", "Segmentation fault");
        assertEquals(3, assertThrows(SourceLocatedException.class, () -> MemallocOutParser.parse(h)).line());
        Path i = Files2.write(tmp, "d.out", "memalloc pid=x");
        MemallocOut m = MemallocOutParser.parse(i);
        SourceLocatedException ne = assertThrows(SourceLocatedException.class, () -> m.num(m.require("memalloc"), "pid"));
        assertEquals(1, ne.line());
        assertEquals("memalloc.pid", ne.field());
    }
}
