package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.Outcome;
import ptlab.SourceLocatedException;

class KmsgParserTest {
    @TempDir
    Path tmp;

    @Test
    void parsesRecordsAndSkipsContinuationLines() {
        Path f = Files2.write(tmp, "kmsg.txt",
                "6,10,1500000,-;Linux version 6.1.0",
                " SUBSYSTEM=virtio",
                "4,11,1501234,c,more;lkp25p3: xlate va=0x1000 pa=0x2000 pfn=0x2 level=pte lat_ns=300",
                "6,12,1502000,-;pagetable: dump begin pid=1 comm=systemd");
        KmsgLog log = KmsgParser.parse(f);
        assertEquals(3, log.records().size());
        assertEquals(0, log.lost());
        KmsgRecord r = log.records().get(1);
        assertEquals(3, r.line());
        assertEquals(4, r.prio());
        assertEquals(11, r.seq());
        assertEquals(1501234, r.tsUsec());
        assertEquals(1, log.module("lkp25p3").size());
        assertEquals("xlate va=0x1000 pa=0x2000 pfn=0x2 level=pte lat_ns=300", log.module("lkp25p3").get(0).body());
        assertEquals(3, log.module("lkp25p3").get(0).line());
        assertEquals(1, log.module("pagetable").size());
    }

    @Test
    void countsSequenceGapsAsLostRecords() {
        Path f = Files2.write(tmp, "kmsg.txt", "6,1,0,-;a", "6,2,0,-;b", "6,5,0,-;c", "6,6,0,-;d", "6,10,0,-;e");
        KmsgLog log = KmsgParser.parse(f);
        assertEquals(5, log.lost());
        assertEquals(2, log.gaps().size());
        assertEquals(2, log.gaps().get(0).after());
        assertEquals(5, log.gaps().get(0).before());
        assertEquals(2, log.gaps().get(0).missing());
        assertEquals(3, log.gaps().get(0).line());
        assertEquals(0, log.outOfOrder());
    }

    @Test
    void countsRecordsOutOfOrder() {
        KmsgLog log = KmsgParser.parse(Files2.write(tmp, "kmsg.txt", "6,1,0,-;a", "6,2,0,-;b", "6,2,0,-;b again"));
        assertEquals(1, log.outOfOrder());
        assertEquals(0, log.lost());
    }

    @Test
    void malformedLineNamesFileAndLine() {
        Path f = Files2.write(tmp, "kmsg.txt", "6,1,0,-;ok", "this is not a record");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> KmsgParser.parse(f));
        assertEquals(2, e.line());
        assertEquals(Outcome.USAGE_ERROR, e.outcome());
        assertTrue(e.getMessage().startsWith(f + ":2:"), e.getMessage());
        Path g = Files2.write(tmp, "kmsg2.txt", "6,x,0,-;bad seq");
        assertEquals(1, assertThrows(SourceLocatedException.class, () -> KmsgParser.parse(g)).line());
        Path h = Files2.write(tmp, "kmsg3.txt", "6,1;too short");
        assertEquals(1, assertThrows(SourceLocatedException.class, () -> KmsgParser.parse(h)).line());
    }

    @Test
    void undoesKernelEscapes() {
        assertEquals("a\\b c\tz", KmsgParser.unescape("a\\x5cb c\\x09z"));
        assertEquals("trailing \\x4", KmsgParser.unescape("trailing \\x4"));
    }
}
