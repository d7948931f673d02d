package ptlab.analysis;

import java.util.Locale;

/** Locale-independent number formatting for captions, tables and CSV: the same text on every machine. */
public final class Fmt {
    private Fmt() {
    }

    public static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Nanoseconds as microseconds with three significant digits, e.g. {@code 9.12 µs}. */
    public static String us(double ns) {
        return sig3(ns / 1000.0) + " µs";
    }

    /** Three significant digits without exponent. */
    public static String sig3(double v) {
        double a = Math.abs(v);
        if (a >= 100 || v == 0) {
            return f("%.0f", v);
        }
        if (a >= 10) {
            return f("%.1f", v);
        }
        if (a >= 1) {
            return f("%.2f", v);
        }
        if (a >= 0.01) {
            return f("%.3f", v);
        }
        return f("%.2g", v);
    }

    /** A fraction as a percentage with one decimal, e.g. {@code 91.2%}. */
    public static String pct(double fraction) {
        return f("%.1f%%", fraction * 100.0);
    }

    public static String count(long n) {
        return f("%,d", n);
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Bytes in the largest binary unit that keeps the value at least 1: {@code 256 MiB}, {@code 16 KiB}, {@code 1.5 GiB}. */
    public static String size(double bytes) {
        if (bytes == 0) {
            return "0";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? f("%.0f", v) : sig3(v)) + " " + units[u];
    }

    /** A plain decimal for CSV: integers without fraction, otherwise up to 6 significant digits. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return f("%d", (long) v);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
