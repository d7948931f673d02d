package ptlab.changes;

import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Current against baseline (or kernel B against kernel A): the ratio of their medians with its bootstrap 95%
 * percentile interval, and Cliff's delta as the effect size: the share of (current, baseline) pairs in which the
 * current value is larger minus the share in which it is smaller (ties count half each way), from -1 (every
 * current value below every baseline value) to +1; computed as {@code 2U / (n m) - 1} from the Mann-Whitney U of
 * the current values. A median of zero divides as: 0/0 is 1 (no change), x/0 is infinite.
 *
 * <p>The interval can exclude one only when both groups have at least two values: a single repetition on either
 * side has no spread to resample, so its interval is the point ratio and it is never, on its own, evidence of a
 * change.
 *
 * @param value the ratio of the medians, current / baseline
 * @param low   lower end of its 95% interval
 * @param high  upper end
 * @param cliffsDelta the effect size; NaN when either group is empty
 * @param excludesOne whether the interval leaves out 1, "no change" (never with fewer than two values a side)
 */
public record Ratio(double value, double low, double high, double cliffsDelta, boolean excludesOne) {
    /** The ratio of {@code current} to {@code baseline}, each one value per repetition. */
    public static Ratio of(double[] baseline, double[] current) {
        if (baseline.length == 0 || current.length == 0) {
            return new Ratio(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        }
        double r = divide(Bootstrap.median(current), Bootstrap.median(baseline));
        double delta = 2 * MannWhitneyUTest.withDefaults().statistic(current, baseline)
                / ((double) current.length * baseline.length) - 1;
        if (baseline.length < 2 || current.length < 2) {
            return new Ratio(r, r, r, delta, false);
        }
        double[] ci = Bootstrap.interval(baseline, current, Ratio::divide);
        return new Ratio(r, ci[0], ci[1], delta, ci[0] > 1 || ci[1] < 1);
    }

    static double divide(double current, double baseline) {
        if (baseline == 0) {
            return current == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        return current / baseline;
    }
}
