package ptlab.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;

/** Axis builders with locale-independent tick labels. */
final class Axes {
    private Axes() {
    }

    static DecimalFormat format(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    static NumberAxis linear(String label) {
        NumberAxis a = new NumberAxis(label);
        // standard units formatted for Locale.ROOT: the same labels on every machine, and the axis
        // still sizes its ticks by the real label widths (an override would defeat that)
        a.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        a.setLabelFont(ChartStyle.LABEL);
        a.setTickLabelFont(ChartStyle.TICK);
        return a;
    }

    /**
     * A fixed range with a fixed, round tick step giving at most {@code maxTicks} ticks. JFreeChart's own
     * choice sizes labels by the range ends only ("0" and "4"), so "0.2"-style labels collide.
     */
    static NumberAxis fixed(String label, double lower, double upper, int maxTicks) {
        NumberAxis a = linear(label);
        double hi = upper <= lower ? lower + 1 : upper;
        a.setAutoRange(false);
        a.setRange(lower, hi);
        a.setAutoTickUnitSelection(false);
        double step = niceStep((hi - lower) / maxTicks);
        a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(step, format(step >= 1 ? "#,##0" : "0.###")));
        return a;
    }

    static NumberAxis fixed(String label, double lower, double upper) {
        return fixed(label, lower, upper, 10);
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-12))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static LogAxis log(String label, double lower, double upper) {
        LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setNumberFormatOverride(format("0.####"));
        a.setSmallestValue(1e-6);
        a.setAutoRange(false);
        a.setRange(lower, upper <= lower ? lower * 10 : upper);
        // one tick per decade: the automatic choice lands on 0.3162 and 3.1623
        a.setAutoTickUnitSelection(false);
        a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
        a.setLabelFont(ChartStyle.LABEL);
        a.setTickLabelFont(ChartStyle.TICK);
        return a;
    }

    /** Power-of-ten bounds around {@code [min, max]}. */
    static double[] decades(double min, double max) {
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-6))));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
        if (hi <= lo) {
            hi = lo * 10;
        }
        return new double[] {lo, hi};
    }
}
