package ptlab.analysis;

import java.util.Arrays;

/**
 * An empirical CDF, thinned to at most about a thousand points (evenly spaced in percentile) so that
 * a vector figure of half a million samples stays small.
 *
 * @param xMicros   latency in microseconds, never below {@code floorNs / 1000} so a log axis can show it
 * @param yPercent  percent of samples at or below x
 * @param atFloor   samples that were at or below the floor (zero-duration reads) and drawn at it
 */
public record Cdf(String label, double[] xMicros, double[] yPercent, long n, long atFloor) {
    private static final int STEPS = 1000;

    /**
     * A few measurements as points, each at its mid-rank percentile {@code 100 (i + 0.5) / n}: one batch is drawn
     * at 50, not on the chart's top edge, and no step joins them.
     */
    public static Cdf points(String label, long[] ns, long floorNs) {
        long[] s = ns.clone();
        Arrays.sort(s);
        double[] x = new double[s.length];
        double[] y = new double[s.length];
        long atFloor = 0;
        for (int i = 0; i < s.length; i++) {
            atFloor += s[i] <= floorNs ? 1 : 0;
            x[i] = Math.max(s[i], floorNs) / 1000.0;
            y[i] = 100.0 * (i + 0.5) / s.length;
        }
        return new Cdf(label, x, y, s.length, atFloor);
    }

    public static Cdf of(String label, long[] ns, long floorNs) {
        long[] s = ns.clone();
        Arrays.sort(s);
        int n = s.length;
        long atFloor = 0;
        for (long v : s) {
            if (v <= floorNs) {
                atFloor++;
            }
        }
        double[] x = new double[STEPS + 1];
        double[] y = new double[STEPS + 1];
        int k = 0;
        int lastIdx = -1;
        for (int step = 0; step <= STEPS && n > 0; step++) {
            int idx = Math.max(0, Math.min(n - 1, (int) Math.ceil((double) step / STEPS * n) - 1));
            if (idx == lastIdx) {
                continue;
            }
            lastIdx = idx;
            x[k] = Math.max(s[idx], floorNs) / 1000.0;
            y[k] = 100.0 * (idx + 1) / n;
            k++;
        }
        return new Cdf(label, Arrays.copyOf(x, k), Arrays.copyOf(y, k), n, atFloor);
    }
}
