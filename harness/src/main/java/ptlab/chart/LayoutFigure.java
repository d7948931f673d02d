package ptlab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import ptlab.analysis.Fmt;
import ptlab.analysis.PageRuns;
import ptlab.parse.PagemapTable;

/**
 * The buffer of one allocation scheme in virtual and in physical address space: (a) where each
 * virtual page lands physically (a diagonal is a contiguous run, a cloud is fragmentation), (b) which
 * parts of physical memory the buffer occupies, and (c) how much of the buffer lies in physically
 * contiguous runs of at least a given length (a step at 512 pages means 2 MiB huge pages).
 */
public final class LayoutFigure {
    /** At most this many points in the mapping scatter, sampled at a fixed stride. */
    static final int MAX_POINTS = 6000;
    static final int PA_BINS = 128;
    private static final double MIB = 1 << 20;
    private static final double GIB = 1 << 30;

    private LayoutFigure() {
    }

    /** @param t VA-sorted pagemap table of the scheme's buffer */
    public static Figure of(String stem, String title, String caption, PagemapTable t, PageRuns runs) {
        return new Figure(stem, "part1", title, caption, 720, 640, (g, area) -> {
            Rectangle2D rest = Panels.title(g, area, title);
            mapping(t).draw(g, Panels.part(rest, 0, 0, 1, 0.55));
            occupancy(t).draw(g, Panels.part(rest, 0, 0.55, 0.5, 1));
            runLengths(runs, t.size()).draw(g, Panels.part(rest, 0.5, 0.55, 1, 1));
        });
    }

    private static JFreeChart mapping(PagemapTable t) {
        XYSeries small = new XYSeries("4 KiB page", false, true);
        XYSeries huge = new XYSeries("page in a THP", false, true);
        long minVa = t.size() == 0 ? 0 : t.va(0) & ~0xfffL;
        int stride = Math.max(1, (t.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < t.size(); i += stride) {
            if (!t.has(i, PagemapTable.PRESENT) || t.pfn(i) == 0) {
                continue;
            }
            double x = ((t.va(i) & ~0xfffL) - minVa) / MIB;
            double y = (t.pfn(i) << 12) / GIB;
            (t.has(i, PagemapTable.THP) ? huge : small).add(x, y);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(small);
        data.addSeries(huge);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setDefaultShape(new Rectangle2D.Double(-1, -1, 2, 2));
        r.setAutoPopulateSeriesShape(false);
        NumberAxis x = Axes.linear("virtual address: offset from the lowest page (MiB)");
        NumberAxis y = Axes.linear("physical address (GiB)");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart c = Panels.chart(stride == 1 ? "VA -> PA (all pages)" : Fmt.f("VA -> PA (one page in %d shown)", stride), plot, true);
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesPaint(1, ChartStyle.color(1));
        return c;
    }

    private static JFreeChart occupancy(PagemapTable t) {
        long maxPa = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.has(i, PagemapTable.PRESENT)) {
                maxPa = Math.max(maxPa, t.pfn(i) << 12);
            }
        }
        double spanGiB = Math.max(1, Math.ceil((maxPa + 4096) / GIB));
        double binBytes = spanGiB * GIB / PA_BINS;
        long[] bins = new long[PA_BINS];
        for (int i = 0; i < t.size(); i++) {
            if (t.has(i, PagemapTable.PRESENT) && t.pfn(i) != 0) {
                int b = (int) Math.min(PA_BINS - 1, (t.pfn(i) << 12) / binBytes);
                bins[b]++;
            }
        }
        XYSeries s = new XYSeries("occupied", false, true);
        double pagesPerBin = binBytes / 4096;
        for (int b = 0; b < PA_BINS; b++) {
            s.add((b + 0.5) * binBytes / GIB, 100.0 * bins[b] / pagesPerBin);
        }
        XYSeriesCollection data = new XYSeriesCollection(s);
        data.setIntervalWidth(binBytes / GIB);
        XYBarRenderer r = new XYBarRenderer();
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        XYPlot plot = new XYPlot(data, Axes.fixed("physical address (GiB)", 0, spanGiB, 6),
                Axes.fixed("% of frames used by the buffer", 0, 100, 5), r);
        JFreeChart c = Panels.chart("Physical memory occupied", plot, false);
        r.setSeriesPaint(0, ChartStyle.color(2));
        return c;
    }

    private static JFreeChart runLengths(PageRuns runs, long pages) {
        long[] len = runs.sortedLengths();
        XYSeries s = new XYSeries("runs", false, true);
        long total = runs.totalPages();
        long atLeast = total;
        // every run is at least one page long: the curve starts at the share of pages in any run
        s.add(1, 100.0 * total / Math.max(1, pages));
        for (int i = 0; i < len.length; i++) {
            if (i == 0 || len[i] != len[i - 1]) {
                s.add(len[i], total == 0 ? 0 : 100.0 * atLeast / Math.max(1, pages));
            }
            atLeast -= len[i];
        }
        if (len.length > 0) {
            s.add(len[len.length - 1] * 2.0, 0);
        }
        double max = len.length == 0 ? 1024 : Math.max(1024, len[len.length - 1] * 2.0);
        LogAxis x = Axes.log("run length (pages, log scale)", 1, Axes.decades(1, max)[1]);
        XYStepRenderer r = new XYStepRenderer();
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, Axes.fixed("% of buffer in runs >= length", 0, 100, 5), r);
        ValueMarker m = new ValueMarker(512, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {3f, 3f}, 0f));
        m.setLabel("2 MiB");
        m.setLabelFont(ChartStyle.TICK);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(m);
        JFreeChart c = Panels.chart("Physically contiguous runs", plot, false);
        r.setSeriesPaint(0, ChartStyle.color(3));
        r.setSeriesStroke(0, new BasicStroke(1.8f));
        return c;
    }
}
