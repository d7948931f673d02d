package ptlab.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;

/** Multi-chart figures: a title strip on top, then charts in sub-rectangles. */
final class Panels {
    private Panels() {
    }

    /** Draws the figure title centred on top and returns the area left below it. */
    static Rectangle2D title(Graphics2D g, Rectangle2D area, String title) {
        g.setFont(ChartStyle.TITLE);
        g.setPaint(java.awt.Color.BLACK);
        java.awt.FontMetrics fm = g.getFontMetrics();
        double h = fm.getHeight() + 10;
        TextUtils.drawAlignedString(title, g, (float) area.getCenterX(), (float) (area.getY() + 6),
                TextAnchor.TOP_CENTER);
        return new Rectangle2D.Double(area.getX(), area.getY() + h, area.getWidth(), area.getHeight() - h);
    }

    static Rectangle2D part(Rectangle2D a, double x0, double y0, double x1, double y1) {
        return new Rectangle2D.Double(a.getX() + a.getWidth() * x0, a.getY() + a.getHeight() * y0,
                a.getWidth() * (x1 - x0), a.getHeight() * (y1 - y0));
    }

    /** A panel chart with a small title. */
    static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart c = new JFreeChart(title, ChartStyle.LABEL, plot, legend);
        ChartStyle.apply(c);
        c.getTitle().setFont(ChartStyle.LABEL);
        if (legend) {
            c.getLegend().setItemFont(ChartStyle.TICK);
        }
        return c;
    }
}
