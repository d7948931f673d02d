package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class GetpfnCsvParserTest {
    @TempDir
    Path tmp;

    @Test
    void parsesDecimalAndHex() {
        GetpfnTable t = GetpfnCsvParser.parse(Files2.write(tmp, "g.csv", "vpn,va,pfn,flags,errno",
                "0x7f6600000,0x7f6600000000,0x1a000,0x0,0", "34189295617,0x7f6600001000,106497,0,14"));
        assertEquals(2, t.size());
        assertEquals(0x1a000, t.pfn(0));
        assertEquals(34189295617L, t.vpn(1));
        assertEquals(106497, t.pfn(1));
        assertEquals(14, t.errno(1));
    }

    @Test
    void badValueNamesLineAndField() {
        Path f = Files2.write(tmp, "g.csv", "vpn,va,pfn,flags,errno", "1,0x1000,zz,0,0");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> GetpfnCsvParser.parse(f));
        assertEquals(2, e.line());
        assertEquals("pfn", e.field());
    }
}
