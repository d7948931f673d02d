package ptlab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;

/**
 * One look for every figure: fixed fonts (DejaVu Sans when installed, else the logical SansSerif),
 * a white background and the Okabe-Ito palette, which stays readable for colour-blind readers and in
 * grey-scale print.
 */
public final class ChartStyle {
    public static final String FAMILY = pickFamily();
    public static final Font TITLE = new Font(FAMILY, Font.BOLD, 15);
    public static final Font LABEL = new Font(FAMILY, Font.PLAIN, 12);
    public static final Font TICK = new Font(FAMILY, Font.PLAIN, 10);
    public static final Font CAPTION = new Font(FAMILY, Font.PLAIN, 10);
    public static final Color GRID = new Color(0xdddddd);
    public static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
    };

    private ChartStyle() {
    }

    private static String pickFamily() {
        if (System.getProperty("java.awt.headless") == null) {
            // figures are drawn off-screen; never try to reach a display
            System.setProperty("java.awt.headless", "true");
        }
        String[] names = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(java.util.Locale.ROOT);
        return Arrays.asList(names).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }

    public static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Applies fonts, colours and grid to a chart built by hand. */
    public static void apply(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("ptlab");
        theme.setExtraLargeFont(TITLE);
        theme.setLargeFont(LABEL);
        theme.setRegularFont(TICK);
        theme.setSmallFont(TICK);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setShadowVisible(false);
        theme.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        theme.setXYBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getPlot() instanceof XYPlot p) {
            p.setOutlineVisible(true);
            p.setOutlinePaint(Color.GRAY);
            for (int r = 0; r < p.getRendererCount(); r++) {
                XYItemRenderer ren = p.getRenderer(r);
                if (ren == null) {
                    continue;
                }
                for (int s = 0; s < 16; s++) {
                    ren.setSeriesPaint(s, color(s + r));
                    ren.setSeriesStroke(s, new BasicStroke(1.6f));
                }
            }
        }
    }
}
