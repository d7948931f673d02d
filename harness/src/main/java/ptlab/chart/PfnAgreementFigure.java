package ptlab.chart;

import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import ptlab.analysis.PagetableComparison;
import ptlab.parse.PageLevel;
import ptlab.parse.PagetableDump;

/**
 * pagetable: left, the PFN IOCTL_GET_PFN returned against pagemap's for each buffer page (agreement is
 * the diagonal; disagreements are drawn on top in a second colour); right, the pages of the module's
 * dump by page-table level.
 */
public final class PfnAgreementFigure {
    static final int MAX_POINTS = 6000;

    private PfnAgreementFigure() {
    }

    public static Figure of(String stem, String title, String caption, List<PagetableComparison.Row> rows,
            PagetableDump.Dump dump) {
        return new Figure(stem, "pagetable", title, caption, 760, 420, (g, area) -> {
            Rectangle2D rest = Panels.title(g, area, title);
            scatter(rows).draw(g, Panels.part(rest, 0, 0, 0.62, 1));
            levels(dump).draw(g, Panels.part(rest, 0.62, 0, 1, 1));
        });
    }

    private static JFreeChart scatter(List<PagetableComparison.Row> rows) {
        XYSeries agree = new XYSeries("agree", false, true);
        XYSeries differ = new XYSeries("differ", false, true);
        int stride = Math.max(1, (rows.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < rows.size(); i++) {
            PagetableComparison.Row r = rows.get(i);
            if (!r.ioctlAgrees()) {
                differ.add(Math.max(r.pagemapPfn(), 0), Math.max(r.ioctlPfn(), 0));
            } else if (i % stride == 0 && r.pagemapPfn() >= 0) {
                agree.add(r.pagemapPfn(), r.ioctlPfn());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(agree);
        data.addSeries(differ);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setDefaultShape(new Rectangle2D.Double(-1.5, -1.5, 3, 3));
        r.setAutoPopulateSeriesShape(false);
        NumberAxis x = Axes.linear("pagemap PFN");
        NumberAxis y = Axes.linear("IOCTL_GET_PFN PFN");
        x.setNumberFormatOverride(Axes.format("0"));
        y.setNumberFormatOverride(Axes.format("0"));
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart c = Panels.chart("ioctl PFN vs pagemap PFN", plot, true);
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesPaint(1, ChartStyle.color(1));
        return c;
    }

    private static JFreeChart levels(PagetableDump.Dump dump) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (PageLevel l : new PageLevel[] {PageLevel.PTE, PageLevel.PMD, PageLevel.PUD}) {
            long pages = 0;
            if (dump != null) {
                for (PagetableDump.Run run : dump.runs()) {
                    if (run.level() == l) {
                        pages += run.pages();
                    }
                }
            }
            data.addValue(pages, "pages", l.label());
        }
        BarRenderer r = new BarRenderer();
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        NumberAxis y = Axes.linear("4 KiB pages mapped");
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("level of the leaf entry"), y, r);
        JFreeChart c = Panels.chart(dump == null ? "dump: none complete" : "dump of pid " + dump.pid() + " by level", plot, false);
        r.setSeriesPaint(0, ChartStyle.color(2));
        return c;
    }
}
