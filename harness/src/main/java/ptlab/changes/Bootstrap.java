package ptlab.changes;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The percentile bootstrap: {@value #RESAMPLES} resamples with replacement, each drawn from a generator seeded
 * with {@link #SEED} afresh for every estimate, so the same values always give the same interval, whatever was
 * estimated before (a re-render writes the same bytes). The interval is the 2.5% and 97.5% quantiles of the
 * resampled statistic.
 */
final class Bootstrap {
    static final int RESAMPLES = 4000;
    static final long SEED = 0x5EED_C4A9_6E50_0001L;
    private static final Median MEDIAN = Median.withDefaults();
    private static final Quantile QUANTILE = Quantile.withDefaults();
    private static final double[] BOUNDS = {0.025, 0.975};

    private Bootstrap() {
    }

    static double median(double[] values) {
        return MEDIAN.evaluate(values);
    }

    /** [low, high] of the median of {@code values} (at least one). */
    static double[] medianInterval(double[] values) {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] stats = new double[RESAMPLES];
        double[] buf = new double[values.length];
        for (int b = 0; b < RESAMPLES; b++) {
            stats[b] = median(resample(values, buf, rng));
        }
        return QUANTILE.evaluate(stats, BOUNDS);
    }

    /**
     * [low, high] of {@code f(median(current), median(baseline))}, both groups resampled independently (at least
     * one value each).
     */
    static double[] interval(double[] baseline, double[] current, DoubleBinaryOperator f) {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] stats = new double[RESAMPLES];
        double[] b = new double[baseline.length];
        double[] c = new double[current.length];
        for (int i = 0; i < RESAMPLES; i++) {
            double mb = median(resample(baseline, b, rng));
            stats[i] = f.applyAsDouble(median(resample(current, c, rng)), mb);
        }
        return QUANTILE.evaluate(stats, BOUNDS);
    }

    private static double[] resample(double[] values, double[] into, SplittableRandom rng) {
        for (int i = 0; i < into.length; i++) {
            into[i] = values[rng.nextInt(values.length)];
        }
        return into;
    }
}
