package ptlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ptlab.analysis.Contiguity;
import ptlab.analysis.LatencyStats;
import ptlab.analysis.PageRuns;
import ptlab.analysis.Tables2;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ptlab.Accelerator;
import ptlab.GuestStart;
import org.junit.jupiter.api.Test;
import ptlab.parse.PagemapTable;

/** The captions written from the data, one class of captions per figure kind. */
class CaptionsTest {
    @Test
    void layoutCaptionCarriesContiguityAndHugePages() {
        PagemapTable t = Tables2.table(Tables2.pages(0x200000, 1024), seq(0x80000, 1024), true, null);
        String c = LayoutCaptions.layout("whole", Contiguity.of(t, PageRuns.of(t)));
        assertTrue(c.contains("1,024 pages (4 MiB) in 1 virtually contiguous segment(s)"), c);
        assertTrue(c.contains("100.0% of virtually consecutive page pairs are physically consecutive"), c);
        assertTrue(c.contains("1 physical run(s), the largest 1,024 pages (4 MiB)"), c);
        assertTrue(c.contains("100.0% of present pages are in transparent huge pages"), c);
    }

    @Test
    void layoutIndependenceFollowsHowTheGuestStarted() {
        String restored = LayoutCaptions.independence(GuestStart.ofLabel("restore"));
        assertTrue(restored.startsWith("The guest was restored from a ready snapshot"), restored);
        String booted = "The guest was booted afresh: repetitions are independent samples of the layout.";
        assertEquals(booted, LayoutCaptions.independence(GuestStart.ofLabel("boot")));
        assertEquals(booted, LayoutCaptions.independence(GuestStart.ofLabel("boot (restore failed: QEMU refused the state)")));
        assertEquals("", LayoutCaptions.independence(GuestStart.ofLabel(null)), "a manifest from before guest_start");
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
        Map<String, Double> huge = new LinkedHashMap<>();
        huge.put("4k", 0.0);
        String c = LatencyCaptions.pagemapCdf(p, b, huge, 0, Optional.of(Accelerator.TCG));
        assertTrue(c.contains("4k p50 10.0 µs, p90 11.0 µs, p99 11.0 µs"), c);
        assertTrue(c.contains("4k 200x"), c);
        assertTrue(c.contains("not a seq_file"), c);
        assertTrue(c.contains("under TCG emulation: absolute values are not hardware latencies"), c);
        LatencyStats write = LatencyStats.of(new long[] {18000, 20000, 22000});
        LatencyStats clk = LatencyStats.of(new long[] {40, 40, 50});
        String m = LatencyCaptions.moduleVsPagemap(write, per, mod, clk, 1, bat, "tsc", Optional.of(Accelerator.KVM));
        assertTrue(m.contains("one write() of one VA to /proc/lkp25p3 p50 20.0 µs"), m);
        assertTrue(m.contains("(write/pread at p50: 2.00x)"), m);
        assertTrue(m.contains("lkp25p3 walk: p50 0.500 µs"), m);
        assertTrue(m.contains("that pair: p50 0.040 µs"), m);
        assertTrue(m.contains("clocksource tsc"), m);
        assertTrue(m.contains("1 walks (33.3%) took no longer than their pair"), m);
        assertTrue(m.contains("batched/module walk at p50: 0.100x"), m);
        assertTrue(m.contains("one point per batch"), m);
        assertTrue(m.contains("KVM"), m);
        String old = LatencyCaptions.moduleVsPagemap(null, per, mod, null, 0, null, "", Optional.empty());
        assertTrue(old.contains("no single-VA write() times were recorded"), old);
        assertTrue(old.contains("the clock's own cost was not logged and is included"), old);
        assertTrue(old.contains("may be emulated"), old);
    }

    @Test
    void thpSchemesAreExplainedByTheWalkStoppingAtThePmd() {
        Map<String, LatencyStats> p = new LinkedHashMap<>();
        p.put("4k", LatencyStats.of(new long[] {10000}));
        p.put("whole", LatencyStats.of(new long[] {6000}));
        Map<String, Double> huge = new LinkedHashMap<>();
        huge.put("4k", 0.0);
        huge.put("whole", 0.98);
        String c = LatencyCaptions.thpReason(p, huge);
        assertTrue(c.contains("whole has 98.0% of its pages in THP and reads at 0.600x 4k's p50"), c);
        assertTrue(c.contains("stops at the PMD"), c);
        p.put("whole", LatencyStats.of(new long[] {11000}));
        String slower = LatencyCaptions.thpReason(p, huge);
        assertTrue(slower.contains("reads at 1.10x 4k's p50: its walk stops at the PMD too, but here the syscall's"), slower);
        huge.put("whole", 0.1);
        assertTrue(LatencyCaptions.thpReason(p, huge).isEmpty(), "no THP scheme, nothing to explain");
    }

    @Test
    void hotAndWarmSaturatingTheSampleIsSaidWithThePassCounts() {
        ptlab.parse.AccessParams ap = new ptlab.parse.AccessParams(1L << 30, 256L << 20, 256L << 20, 512L << 20, 120, 100,
                1000, "never");
        String s = HeatmapCaptions.saturation(new AccessPasses(120000, 9000, 2400, 2300, 1000), ap);
        assertTrue(s.contains("9,000 hot passes (75.0/s) and 2,400 warm passes (20.0/s) in 120 s"), s);
        assertTrue(s.contains("2,300 warm passes ended after their next deadline"), s);
        assertTrue(s.contains("most warm passes took longer than their period, about 50.0 ms each"), s);
        assertTrue(s.contains("both read at most 10.0/s"), s);
        String slow = HeatmapCaptions.saturation(new AccessPasses(120000, 9000, 600, 0, 1000), ap);
        assertTrue(slow.contains("warm ones do not, so warm reads below hot"), slow);
        assertTrue(HeatmapCaptions.saturation(null, ap).isEmpty());
    }

    private static long[] seq(long from, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + i;
        }
        return v;
    }
}
