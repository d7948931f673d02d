package ptlab.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/** Draws a figure's content into an area, in points; the same call serves the PDF and the PNG. */
@FunctionalInterface
public interface Painter {
    void paint(Graphics2D g, Rectangle2D area);
}
