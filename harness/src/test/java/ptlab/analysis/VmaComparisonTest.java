package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.parse.MapsEntry;
import ptlab.parse.VmaDump;
import ptlab.parse.VmaEntry;

class VmaComparisonTest {
    private static MapsEntry maps(int line, long s, long e, String perms, long off, String path, String... flags) {
        return new MapsEntry(line, s, e, perms, off, "00:00", 0, path, List.of(flags));
    }

    private static final List<MapsEntry> MAPS = List.of(
            maps(1, 0x400000, 0x452000, "r-xp", 0x1000, "/usr/bin/bash", "rd", "ex", "mr", "mw", "me", "sd"),
            maps(2, 0xe5a000, 0xe7b000, "rw-p", 0, "[heap]", "rd", "wr", "mr", "mw", "me", "ac"),
            maps(3, 0x7f0000000000L, 0x7f0000021000L, "rw-p", 0, "", "rd", "wr", "mr", "mw", "me", "ac"),
            maps(4, 0xffffffffff600000L, 0xffffffffff601000L, "--xp", 0, "[vsyscall]", "ex"));

    private static VmaDump.Dump dump(VmaEntry... e) {
        return new VmaDump.Dump(1, 10, List.of(e));
    }

    private static final VmaEntry BASH = new VmaEntry(11, 1, 0x400000, 0x452000, 0x75, 0x1, "file", "/usr/bin/bash", "r-xp");
    private static final VmaEntry HEAP = new VmaEntry(12, 2, 0xe5a000, 0xe7b000, 0x100073, 0xe5a, "heap", "[heap]", "");
    private static final VmaEntry ANON = new VmaEntry(13, 3, 0x7f0000000000L, 0x7f0000021000L, 0x100073, 0x7f0000000L, "anon", "", "");

    @Test
    void matchesAndExcludesTheGateVma() {
        VmaComparison c = VmaComparison.compare(MAPS, MAPS, dump(BASH, HEAP, ANON));
        assertTrue(c.mapsOracle().passed(), c.mapsOracle().detail());
        assertTrue(c.flagsOracle().passed(), c.flagsOracle().detail());
        assertEquals("4 maps lines, 3 module VMAs, 1 excluded ([vsyscall]), 0 problem(s)", c.mapsOracle().detail());
        assertTrue(c.rows().get(3).status().startsWith("excluded"));
    }

    @Test
    void listsEveryKindOfMismatch() {
        VmaEntry badBash = new VmaEntry(11, 1, 0x400000, 0x453000, 0x73, 0x2, "file", "/usr/bin/dash", "r-xp");
        VmaEntry extra = new VmaEntry(14, 4, 0x900000, 0x901000, 0x71, 0, "anon", "", "");
        VmaComparison c = VmaComparison.compare(MAPS, MAPS, dump(badBash, ANON, extra));
        assertFalse(c.mapsOracle().passed());
        String d = c.mapsOracle().detail();
        assertTrue(d.contains("end 0x452000 vs 0x453000"), d);
        assertTrue(d.contains("perms r-xp vs rw-p"), d);
        assertTrue(d.contains("offset 0x1000 vs 0x2000"), d);
        assertTrue(d.contains("path '/usr/bin/bash' vs '/usr/bin/dash'"), d);
        assertTrue(d.contains("0xe5a000 [heap]: no module VMA"), d);
        assertTrue(d.contains("module VMA 0x900000"), d);
        assertFalse(c.flagsOracle().passed());
        assertTrue(c.flagsOracle().detail().contains("module only: wr; smaps only: ex"), c.flagsOracle().detail());
    }
}
