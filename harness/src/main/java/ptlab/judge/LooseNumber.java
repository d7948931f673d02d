package ptlab.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number in a line of free text, as students print them: {@code 0x}-hex, bare hex, decimal, with the
 * words before it (its label) and a unit after it or in its label ({@code 812 ns}, {@code lat_ns=812},
 * {@code Latency (us): 1.2}).
 *
 * @param text      the number as printed
 * @param values    what it may mean as an integer: one value, or two when bare digits may be hex or decimal
 * @param amount    its decimal value with fraction (for latencies such as {@code 1.2 us}); NaN for hex
 * @param label     the lower-case text between the previous number and this one
 * @param unit      ns, us, ms or cycles when the number is a time or a cycle count; else empty
 */
public record LooseNumber(String text, long[] values, double amount, String label, String unit) {
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9A-Za-z_.])(0[xX][0-9a-fA-F]+|[0-9a-fA-F]+(?:\\.[0-9]+)?)");
    private static final Pattern UNIT_AFTER = Pattern.compile(
            "^\\s*(nsecs?|ns|nanoseconds?|usecs?|us|µs|μs|microseconds?|msecs?|ms|milliseconds?|cycles?|cyc|clks?)(?![A-Za-z])");
    private static final Pattern UNIT_IN_LABEL = Pattern.compile(
            "[_(\\[ ](nsecs?|ns|usecs?|us|µs|μs|msecs?|ms|cycles?)[)\\]]?\\s*[:=]?\\s*$");
    private static final Pattern OTHER_UNIT_AFTER = Pattern.compile("^\\s*(?:[kmgt]i?b|bytes?|pages?|%|s)(?![A-Za-z])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PA_LABEL = Pattern.compile("(?:^|[^a-z])(pa|paddr|phys\\w*|pfn|frame)(?:[^a-z]|$)");

    /** A time in nanoseconds; NaN when this is no time. */
    public double ns() {
        return switch (unit) {
            case "ns" -> amount;
            case "us" -> amount * 1e3;
            case "ms" -> amount * 1e6;
            default -> Double.NaN;
        };
    }

    public boolean isTime() {
        return !Double.isNaN(ns());
    }

    public boolean isCycles() {
        return unit.equals("cycles");
    }

    public boolean hasUnit() {
        return !unit.isEmpty();
    }

    /** Every number of {@code line}, in order; words that merely look like hex ({@code decade}) are left out. */
    public static List<LooseNumber> scan(String line) {
        List<LooseNumber> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(line);
        int prevEnd = 0;
        while (m.find()) {
            String t = m.group(1);
            int end = m.end();
            String after = line.substring(end);
            Matcher u = UNIT_AFTER.matcher(after);
            boolean unitAfter = u.find();
            if (!unitAfter && end < line.length() && Character.isLetterOrDigit(line.charAt(end)) && !OTHER_UNIT_AFTER.matcher(after).find()) {
                continue; // part of a word: "VMA1x", "8abcdefgh"
            }
            String label = line.substring(prevEnd, m.start()).toLowerCase(Locale.ROOT);
            String unit = unitAfter ? normal(u.group(1)) : "";
            if (unit.isEmpty()) {
                Matcher l = UNIT_IN_LABEL.matcher(label);
                unit = l.find() ? normal(l.group(1)) : "";
            }
            if (!unitAfter && OTHER_UNIT_AFTER.matcher(after).find()) {
                unit = "other";
            }
            long[] values = values(t, PA_LABEL.matcher(label).find());
            if (values == null) {
                continue;
            }
            double amount = t.startsWith("0x") || t.startsWith("0X") || !t.matches("[0-9.]+") ? Double.NaN : Double.parseDouble(t);
            out.add(new LooseNumber(t, values, amount, label, unit));
            prevEnd = end;
        }
        return out;
    }

    /**
     * 0x-hex; bare hex of six or more digits with a letter and a digit, or any bare hex labelled PA/phys/PFN;
     * decimal, and bare digits of six or more as hex too (a {@code %lx} PA may have no letter); null for words.
     */
    static long[] values(String t, boolean paLabel) {
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return t.length() > 18 ? null : new long[] {Long.parseUnsignedLong(t.substring(2), 16)};
            }
            if (t.contains(".")) {
                return new long[0];
            }
            boolean letters = !t.matches("[0-9]+");
            if (letters) {
                boolean hexWord = t.length() >= 6 && t.matches(".*[0-9].*") || paLabel;
                return hexWord && t.length() <= 16 ? new long[] {Long.parseUnsignedLong(t, 16)} : null;
            }
            long dec = t.length() > 18 ? -1 : Long.parseLong(t);
            if ((t.length() >= 6 || paLabel) && t.length() <= 16) {
                long hex = Long.parseUnsignedLong(t, 16);
                return dec < 0 ? new long[] {hex} : new long[] {dec, hex};
            }
            return dec < 0 ? null : new long[] {dec};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String normal(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("n")) {
            return "ns";
        }
        if (u.startsWith("u") || u.startsWith("µ") || u.startsWith("μ") || u.startsWith("mic")) {
            return "us";
        }
        if (u.startsWith("ms") || u.startsWith("mil")) {
            return "ms";
        }
        return "cycles";
    }
}
