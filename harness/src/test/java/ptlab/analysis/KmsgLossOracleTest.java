package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.parse.KmsgLog;
import ptlab.parse.KmsgRecord;

class KmsgLossOracleTest {
    private static KmsgRecord r(long seq) {
        return new KmsgRecord((int) seq, 6, seq, 0, "m");
    }

    @Test
    void passesWithoutGapsAndFailsWithThem() {
        KmsgLog ok = new KmsgLog(Path.of("k"), List.of(r(1), r(2)), 0, List.of(), 0);
        assertTrue(KmsgLossOracle.check(ok).passed());
        assertEquals("2 records, seq 1..2, 0 lost", KmsgLossOracle.check(ok).detail());
        KmsgLog lost = new KmsgLog(Path.of("k"), List.of(r(1), r(4)), 2, List.of(new KmsgLog.Gap(1, 4, 2, 2)), 0);
        OracleResult f = KmsgLossOracle.check(lost);
        assertFalse(f.passed());
        assertEquals("2 records, seq 1..4, 2 lost in 1 gap(s); first after seq 1 (kmsg.txt:2)", f.detail());
        assertFalse(KmsgLossOracle.check(new KmsgLog(Path.of("k"), List.of(), 0, List.of(), 0)).passed());
    }
}
