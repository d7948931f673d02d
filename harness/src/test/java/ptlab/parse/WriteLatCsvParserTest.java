package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class WriteLatCsvParserTest {
    @TempDir
    Path tmp;

    @Test
    void keepsOnlySingleVaWritesForTheSyscallComparison() {
        WriteLatCsvParser.Writes w = WriteLatCsvParser.parse(Files2.write(tmp, "w.csv", "va,vas,lat_ns",
                "0x7fe7d7a09000,1,18838", "0x7fe7d7a0a000,64,91553", "0x7fe7d7a4a000,1,911"));
        assertEquals(3, w.va().length);
        assertEquals(0x7fe7d7a0a000L, w.va()[1]);
        assertArrayEquals(new long[] {18838, 911}, w.singleVa());
        assertEquals(64, w.maxVas());
    }

    @Test
    void badRowsNameLineAndField() {
        Path f = Files2.write(tmp, "w.csv", "va,vas,lat_ns", "0x1000,1,5", "0x2000,0,5");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> WriteLatCsvParser.parse(f));
        assertEquals(3, e.line());
        assertEquals("vas", e.field());
        Path g = Files2.write(tmp, "g.csv", "va,lat_ns", "0x1000,5");
        assertThrows(SourceLocatedException.class, () -> WriteLatCsvParser.parse(g));
    }
}
