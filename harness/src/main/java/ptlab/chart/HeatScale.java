package ptlab.chart;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/** A perceptually ordered colour scale (viridis anchors, linear between them) from 0 to {@code upper}. */
public final class HeatScale implements PaintScale {
    private static final int[] ANCHORS = {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725};
    /** Colour of a time slot without a complete report. */
    public static final Color NO_DATA = new Color(0xbbbbbb);
    private final double upper;

    public HeatScale(double upper) {
        this.upper = upper > 0 ? upper : 1;
    }

    @Override
    public double getLowerBound() {
        return 0;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return color(value);
    }

    public Color color(double value) {
        if (Double.isNaN(value)) {
            return NO_DATA;
        }
        double v = Math.max(0, Math.min(1, value / upper)) * (ANCHORS.length - 1);
        int i = Math.min(ANCHORS.length - 2, (int) Math.floor(v));
        double f = v - i;
        int a = ANCHORS[i];
        int b = ANCHORS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        int x = a & 0xff;
        int y = b & 0xff;
        return (int) Math.round(x + (y - x) * f);
    }
}
