package ptlab.chart;

import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Latency CDFs on one chart: x latency in microseconds (log), y percentile 0-100; a points series is drawn as markers. */
public final class LatencyCdfFigure {
    private LatencyCdfFigure() {
    }

    public static Figure of(String stem, String part, String title, String caption, List<CdfSeries> series) {
        return new Figure(stem, part, title, caption, 640, 420, (g, area) -> chart(title, series).draw(g, area));
    }

    /** Percentile up to which every series is shown in full. */
    static final double SHOWN_PERCENTILE = 99.9;

    static double atPercentile(ptlab.analysis.Cdf c, double percent) {
        double[] x = c.xMicros();
        double[] y = c.yPercent();
        for (int i = 0; i < x.length; i++) {
            if (y[i] >= percent) {
                return x[i];
            }
        }
        return x.length == 0 ? 0 : x[x.length - 1];
    }

    /** "n sample(s) beyond the axis (max x us)" over all series, or null when every sample is shown. */
    static String beyond(List<CdfSeries> series, double axisMax) {
        long n = 0;
        double max = 0;
        for (CdfSeries s : series) {
            double[] x = s.cdf().xMicros();
            double[] y = s.cdf().yPercent();
            if (s.points()) {
                // one point per measurement: count those past the axis
                for (double v : x) {
                    n += v > axisMax ? 1 : 0;
                    max = Math.max(max, v);
                }
                continue;
            }
            double below = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] <= axisMax) {
                    below = y[i];
                }
                max = Math.max(max, x[i]);
            }
            n += Math.round(s.cdf().n() * (100 - below) / 100.0);
        }
        return n == 0 ? null : n + " sample(s) beyond the axis, the slowest " + ptlab.analysis.Fmt.sig3(max) + " µs";
    }

    static JFreeChart chart(String title, List<CdfSeries> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        double min = Double.MAX_VALUE;
        double max = 0;
        double shown = 0;
        for (CdfSeries s : series) {
            shown = Math.max(shown, atPercentile(s.cdf(), SHOWN_PERCENTILE));
            XYSeries xy = new XYSeries(s.cdf().label() + " (n=" + s.cdf().n() + ")", false, true);
            double[] x = s.cdf().xMicros();
            double[] y = s.cdf().yPercent();
            for (int i = 0; i < x.length; i++) {
                xy.add(x[i], y[i]);
                min = Math.min(min, x[i]);
                max = Math.max(max, x[i]);
            }
            data.addSeries(xy);
        }
        if (max == 0) {
            min = 0.1;
            max = 10;
        }
        // the axis ends at the decade above every series' 99.9th percentile: a lone outlier (5.9 ms among
        // 0.1 us walks) does not squeeze the rest into a corner; what lies beyond is counted in a subtitle
        double[] range = Axes.decades(min, Math.max(min, Math.min(max, shown)));
        String beyond = beyond(series, range[1]);
        LogAxis xAxis = Axes.log("latency (µs, log scale)", range[0], range[1]);
        NumberAxis yAxis = Axes.fixed("percentile", 0, 100);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        // one path per series, so a dash pattern runs along the curve instead of restarting per point
        r.setDrawSeriesLineAsPath(true);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
        // room for the rightmost tick label, which is centred on the plot's edge
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 28));
        if (beyond != null) {
            chart.addSubtitle(new org.jfree.chart.title.TextTitle(beyond, ChartStyle.TICK));
        }
        for (int i = 0; i < series.size(); i++) {
            CdfSeries s = series.get(i);
            r.setSeriesPaint(i, ChartStyle.color(s.color()));
            if (s.points()) {
                // per-batch means: one marker per measurement, no curve between them
                r.setSeriesLinesVisible(i, false);
                r.setSeriesShapesVisible(i, true);
                r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3.5, -3.5, 7, 7));
                r.setSeriesShapesFilled(i, false);
                continue;
            }
            r.setSeriesStroke(i, s.dashed()
                    ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 3f}, 0f)
                    : new BasicStroke(1.6f));
        }
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(ChartStyle.TICK);
        return chart;
    }
}
