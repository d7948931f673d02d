package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class AccessParamsTest {
    @TempDir
    Path tmp;

    @Test
    void parsesParams() {
        AccessParams p = AccessParams.parse(Files2.write(tmp, "params.txt", "# written by the harness", "size=1073741824",
                "hot_end=268435456", "warm_start=0x10000000", "warm_end=536870912", "duration_s=120", "scan_period_ms=100",
                "report_ms=1000", "thp=never"));
        assertEquals(1L << 30, p.size());
        assertEquals(256L << 20, p.warmStart());
        assertEquals("never", p.thp());
    }

    @Test
    void errorsNameTheKeyAndLine() {
        Path f = Files2.write(tmp, "params.txt", "size=1024", "hot_end=x");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> AccessParams.parse(f));
        assertEquals(2, e.line());
        assertEquals("hot_end", e.field());
        Path g = Files2.write(tmp, "p2.txt", "size=1024");
        assertEquals("hot_end", assertThrows(SourceLocatedException.class, () -> AccessParams.parse(g)).field());
        Path h = Files2.write(tmp, "p3.txt", "size=4096", "hot_end=4096", "warm_start=8192", "warm_end=4096", "duration_s=1",
                "scan_period_ms=1", "report_ms=1", "thp=x");
        assertEquals("warm_end", assertThrows(SourceLocatedException.class, () -> AccessParams.parse(h)).field());
        Path i = Files2.write(tmp, "p4.txt", "no equals sign");
        assertEquals(1, assertThrows(SourceLocatedException.class, () -> AccessParams.parse(i)).line());
    }
}
