package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ptlab.Accelerator;
import org.junit.jupiter.api.Test;
import ptlab.parse.PagemapTable;

class CaptionsTest {
    @Test
    void layoutCaptionCarriesContiguityAndHugePages() {
        PagemapTable t = Tables2.table(Tables2.pages(0x200000, 1024), seq(0x80000, 1024), true, null);
        String c = Captions.layout("whole", Contiguity.of(t, PageRuns.of(t)));
        assertTrue(c.contains("1,024 pages (4 MiB) in 1 virtually contiguous segment(s)"), c);
        assertTrue(c.contains("100.0% of virtually consecutive page pairs are physically consecutive"), c);
        assertTrue(c.contains("1 physical run(s), the largest 1,024 pages (4 MiB)"), c);
        assertTrue(c.contains("100.0% of present pages are in transparent huge pages"), c);
    }

    @Test
    void latencyCaptionsCarryPercentilesRatiosAndTheAccelerator() {
        LatencyStats per = LatencyStats.of(new long[] {9000, 10000, 11000});
        LatencyStats bat = LatencyStats.of(new long[] {50, 50, 60});
        LatencyStats mod = LatencyStats.of(new long[] {400, 500, 600});
        Map<String, LatencyStats> p = new LinkedHashMap<>();
        p.put("4k", per);
        Map<String, LatencyStats> b = new LinkedHashMap<>();
        b.put("4k", bat);
        String c = Captions.pagemapCdf(p, b, 0, Optional.of(Accelerator.TCG));
        assertTrue(c.contains("4k p50 10.0 µs, p90 11.0 µs, p99 11.0 µs"), c);
        assertTrue(c.contains("4k 200x"), c);
        assertTrue(c.contains("emulated: absolute values are not hardware latencies"), c);
        String m = Captions.moduleVsPagemap(mod, per, bat, Optional.of(Accelerator.KVM));
        assertTrue(m.contains("lkp25p3 walk: p50 0.500 µs"), m);
        assertTrue(m.contains("pagemap per-page takes 20.0x the module's time (batched 0.100x)"), m);
        assertTrue(m.contains("syscall"), m);
        assertTrue(m.contains("KVM"), m);
        assertTrue(Captions.moduleVsPagemap(mod, per, null, Optional.empty()).contains("may be emulated"));
    }

    private static long[] seq(long from, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + i;
        }
        return v;
    }
}
