package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class KernLogParserTest {
    @TempDir
    Path tmp;

    @Test
    void acceptsBothRsyslogFormatsWithAndWithoutBracketTime() {
        Path f = Files2.write(tmp, "kern.log",
                "2026-11-24T01:02:03.123456+00:00 guest kernel: [   12.345678] lkp25p3: xlate va=0x1 pa=0x2 pfn=0x0 level=pte lat_ns=1",
                "Nov 24 01:02:03 guest kernel: lkp25p3: vma_dump begin pid=1",
                "Nov  4 01:02:03 guest kernel: [    1.000000] pagetable: dump end pid=1 vmas=1 pages=1 runs=1",
                "2026-11-24T01:02:04.000000+00:00 guest rsyslogd: start",
                "2026-11-24T01:02:05.000000+00:00 guest kernel: [bracketed text] stays");
        KernLog log = KernLogParser.parse(f);
        assertEquals(5, log.lines());
        assertEquals(1, log.otherLines());
        assertEquals(4, log.kernelMessages().size());
        assertEquals(2, log.moduleCount("lkp25p3"));
        assertEquals(1, log.moduleCount("pagetable"));
        assertEquals("lkp25p3: vma_dump begin pid=1", log.kernelMessages().get(1).body());
        assertEquals("[bracketed text] stays", log.kernelMessages().get(3).body());
    }

    @Test
    void badTimestampNamesTheLine() {
        Path f = Files2.write(tmp, "kern.log", "Nov 24 01:02:03 guest kernel: ok", "garbage kernel: x");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> KernLogParser.parse(f));
        assertEquals(2, e.line());
    }
}
