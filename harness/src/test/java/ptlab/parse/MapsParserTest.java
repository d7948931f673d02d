package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class MapsParserTest {
    @TempDir
    Path tmp;

    @Test
    void parsesMapsLines() {
        Path f = Files2.write(tmp, "maps.txt",
                "55d1c0a2f000-55d1c0b3a000 r-xp 0002f000 fe:01 1234                       /usr/lib/systemd/systemd",
                "7f1e2c000000-7f1e2c021000 rw-p 00000000 00:00 0",
                "7f1e2d000000-7f1e2d001000 rw-s 00000000 00:01 77                         /memfd:a b (deleted)",
                "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]");
        List<MapsEntry> m = MapsParser.parseMaps(f);
        assertEquals(4, m.size());
        assertEquals(0x55d1c0a2f000L, m.get(0).start());
        assertEquals(0x2f000, m.get(0).offset());
        assertEquals("/usr/lib/systemd/systemd", m.get(0).path());
        assertEquals("", m.get(1).path());
        assertEquals("/memfd:a b (deleted)", m.get(2).path());
        assertEquals(0xffffffffff600000L, m.get(3).start());
        assertEquals(2, m.get(1).line());
    }

    @Test
    void parsesSmapsVmFlags() {
        Path f = Files2.write(tmp, "smaps.txt",
                "55d1c1e00000-55d1c1f22000 rw-p 00000000 00:00 0                          [heap]",
                "Size:               1160 kB",
                "THPeligible:    0",
                "VmFlags: rd wr mr mw me ac sd ",
                "7ffd4abf4000-7ffd4abf6000 r-xp 00000000 00:00 0                          [vdso]",
                "VmFlags: rd ex mr mw me de");
        List<MapsEntry> s = MapsParser.parseSmaps(f);
        assertEquals(2, s.size());
        assertEquals(List.of("rd", "wr", "mr", "mw", "me", "ac", "sd"), s.get(0).vmFlags());
        assertEquals("[vdso]", s.get(1).path());
    }

    @Test
    void malformedLinesNameTheLine() {
        Path f = Files2.write(tmp, "maps.txt", "55d1c0a2f000-55d1c0b3a000 r-xp 0002f000 fe:01 1234 /x", "nonsense");
        assertEquals(2, assertThrows(SourceLocatedException.class, () -> MapsParser.parseMaps(f)).line());
        Path g = Files2.write(tmp, "smaps.txt", "Size: 4 kB");
        assertEquals(1, assertThrows(SourceLocatedException.class, () -> MapsParser.parseSmaps(g)).line());
        Path h = Files2.write(tmp, "maps2.txt", "55d1c0a2f000-55d1c0b3a000 r-xp 0002zz00 fe:01 1234 /x");
        assertEquals(1, assertThrows(SourceLocatedException.class, () -> MapsParser.parseMaps(h)).line());
    }
}
