package ptlab.changes;

/**
 * A quantity measured once per repetition: the median of the values and its bootstrap 95% percentile interval.
 * With one value the interval is that value (nothing to resample: one repetition says nothing about its own
 * spread); with none, every number is NaN.
 *
 * @param n      how many repetitions measured it
 * @param median the median of their values
 * @param low    lower end of the 95% interval of the median
 * @param high   upper end
 */
public record Estimate(int n, double median, double low, double high) {
    /** The estimate of {@code values}, one per repetition. */
    public static Estimate of(double... values) {
        if (values.length == 0) {
            return new Estimate(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double m = Bootstrap.median(values);
        if (values.length == 1) {
            return new Estimate(1, m, m, m);
        }
        double[] ci = Bootstrap.medianInterval(values);
        return new Estimate(values.length, m, ci[0], ci[1]);
    }
}
