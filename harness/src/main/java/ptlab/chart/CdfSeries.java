package ptlab.chart;

import ptlab.analysis.Cdf;

/**
 * One series of a CDF figure: the data, a palette index, whether its line is dashed, and whether it is
 * drawn as points only (a handful of per-batch means, where a step curve would suggest a distribution
 * that was never measured).
 */
public record CdfSeries(Cdf cdf, int color, boolean dashed, boolean points) {
    public CdfSeries(Cdf cdf, int color, boolean dashed) {
        this(cdf, color, dashed, false);
    }

    public static CdfSeries points(Cdf cdf, int color) {
        return new CdfSeries(cdf, color, false, true);
    }
}
