package ptlab.render;

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

/** Latency CDFs on one chart: x latency in microseconds (log), y percentile 0-100. */
public final class LatencyCdfFigure {
    private LatencyCdfFigure() {
    }

    public static Figure of(String stem, String part, String title, String caption, List<CdfSeries> series) {
        return new Figure(stem, part, title, caption, 640, 420, (g, area) -> chart(title, series).draw(g, area));
    }

    static JFreeChart chart(String title, List<CdfSeries> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (CdfSeries s : series) {
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
        double[] range = Axes.decades(min, max);
        LogAxis xAxis = Axes.log("latency (µs, log scale)", range[0], range[1]);
        NumberAxis yAxis = Axes.fixed("percentile", 0, 100);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
        for (int i = 0; i < series.size(); i++) {
            CdfSeries s = series.get(i);
            r.setSeriesPaint(i, ChartStyle.color(s.color()));
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
