package ptlab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYDataImageAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeriesCollection;
import ptlab.analysis.Heatmap;
import ptlab.parse.AccessParams;

/**
 * The access heatmap: x time (s), y offset in the buffer (MiB), colour accesses/s per page. The matrix
 * is drawn as one image (one pixel per report and row), which keeps the PDF small; time slots without a
 * complete report are grey, never interpolated.
 */
public final class HeatmapFigure {
    private HeatmapFigure() {
    }

    public static Figure of(String stem, String title, String caption, Heatmap h, AccessParams p) {
        return of(stem, title, caption, h, p, "accesses/s per page");
    }

    /** The same figure with another unit on the colour scale (DAMON's sampled accesses per aggregation). */
    public static Figure of(String stem, String title, String caption, Heatmap h, AccessParams p, String scaleLabel) {
        return of(stem, "part2", title, caption, h, p, scaleLabel);
    }

    /** The same figure for another part of the results (a submission's). */
    public static Figure of(String stem, String part, String title, String caption, Heatmap h, AccessParams p, String scaleLabel) {
        return new Figure(stem, part, title, caption, 720, 520, (g, area) -> chart(title, h, p, scaleLabel).draw(g, area));
    }

    static JFreeChart chart(String title, Heatmap h, AccessParams p, String scaleLabel) {
        double w = h.columnWidthS();
        double maxT = 0;
        for (double t : h.timesS()) {
            maxT = Math.max(maxT, t);
        }
        int slots = Math.max(1, (int) Math.round(Math.max(maxT, h.expected() * w) / w));
        double sizeMiB = h.pages() * 4096.0 / (1 << 20);
        HeatScale scale = new HeatScale(h.maxFreq());
        BufferedImage img = new BufferedImage(slots, Math.max(1, h.rows()), BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < slots; x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                img.setRGB(x, y, HeatScale.NO_DATA.getRGB());
            }
        }
        for (int c = 0; c < h.timesS().length; c++) {
            int x = (int) Math.round(h.timesS()[c] / w) - 1;
            if (x < 0 || x >= slots) {
                continue;
            }
            for (int row = 0; row < h.rows(); row++) {
                img.setRGB(x, h.rows() - 1 - row, scale.color(h.freq()[c][row]).getRGB());
            }
        }
        NumberAxis xAxis = Axes.fixed("time since the scan started (s)", 0, slots * w);
        NumberAxis yAxis = Axes.fixed("offset in the buffer (MiB)", 0, sizeMiB);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        XYPlot plot = new XYPlot(new XYSeriesCollection(), xAxis, yAxis, renderer);
        // a renderer annotation in the background layer goes under the markers (plot annotations go on top)
        renderer.addAnnotation(new XYDataImageAnnotation(img, 0, 0, slots * w, sizeMiB, false), org.jfree.chart.ui.Layer.BACKGROUND);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        java.util.Map<Long, String> marks = new java.util.TreeMap<>();
        marks.merge(p.hotEnd(), "hot end", (a, b) -> a + " / " + b);
        marks.merge(p.warmStart(), "warm start", (a, b) -> a + " / " + b);
        marks.merge(p.warmEnd(), "warm end", (a, b) -> a + " / " + b);
        marks.forEach((offset, label) -> marker(plot, offset, label));
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        NumberAxis legendAxis = Axes.fixed(scaleLabel, 0, scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(14);
        legend.setSubdivisionCount(128);
        legend.setMargin(new RectangleInsets(8, 8, 30, 8));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }

    private static void marker(XYPlot plot, long offsetBytes, String label) {
        ValueMarker m = new ValueMarker(offsetBytes / (double) (1 << 20), Color.WHITE,
                new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(ChartStyle.TICK);
        // dark text on a white box: readable on every colour of the scale, yellow included
        m.setLabelPaint(Color.BLACK);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(m, org.jfree.chart.ui.Layer.FOREGROUND);
    }
}
