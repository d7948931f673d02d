package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void nearestRankPercentiles() {
        long[] ns = new long[100];
        for (int i = 0; i < 100; i++) {
            ns[i] = (100 - i) * 1000L;
        }
        LatencyStats s = LatencyStats.of(ns);
        assertEquals(100, s.n());
        assertEquals(1000, s.minNs());
        assertEquals(50_000, s.p50Ns());
        assertEquals(90_000, s.p90Ns());
        assertEquals(99_000, s.p99Ns());
        assertEquals(100_000, s.maxNs());
        assertEquals(50_500, s.meanNs(), 1e-9);
        assertEquals("p50 50.0 µs, p90 90.0 µs, p99 99.0 µs", s.summary());
        assertEquals(0, LatencyStats.of(new long[0]).n());
    }

    @Test
    void cdfIsMonotoneThinnedAndFloored() {
        long[] ns = new long[100_000];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = i % 7 == 0 ? 0 : 1000 + i;
        }
        Cdf c = Cdf.of("x", ns, 1);
        assertTrue(c.xMicros().length <= 1001);
        assertEquals(100.0, c.yPercent()[c.yPercent().length - 1], 1e-9);
        for (int i = 1; i < c.xMicros().length; i++) {
            assertTrue(c.xMicros()[i] >= c.xMicros()[i - 1]);
            assertTrue(c.yPercent()[i] > c.yPercent()[i - 1]);
        }
        assertEquals(0.001, c.xMicros()[0], 1e-12);
        assertEquals(14286, c.atFloor());
        assertEquals(100_000, c.n());
    }
}
