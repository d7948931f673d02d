package ptlab.analysis;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of latencies, in nanoseconds. */
public record LatencyStats(long n, long minNs, long p50Ns, long p90Ns, long p99Ns, long maxNs, double meanNs) {

    public static LatencyStats of(long[] ns) {
        if (ns.length == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
        }
        long[] s = ns.clone();
        Arrays.sort(s);
        double sum = 0;
        for (long v : s) {
            sum += v;
        }
        return new LatencyStats(s.length, s[0], rank(s, 50), rank(s, 90), rank(s, 99), s[s.length - 1], sum / s.length);
    }

    /** The smallest value with at least {@code p} percent of values at or below it. */
    static long rank(long[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    /** {@code p50 9.12 µs, p90 .., p99 ..}. */
    public String summary() {
        return "p50 " + Fmt.us(p50Ns) + ", p90 " + Fmt.us(p90Ns) + ", p99 " + Fmt.us(p99Ns);
    }
}
