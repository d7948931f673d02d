package ptlab.render;

import ptlab.analysis.Cdf;

/** One line of a CDF figure: the data, a palette index and whether it is dashed. */
public record CdfSeries(Cdf cdf, int color, boolean dashed) {
}
