package ptlab.judge;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads VA->PA pairs out of whatever a student's Part 1 program printed or wrote: a table with a header
 * ({@code va,pa,lat_ns}, {@code VA PFN latency(us)}, tabs or commas), or free text with the VA then the PA on a
 * line ({@code 0x.. 0x..}, {@code VA: 0x.. -> PA: 0x.. | Latency: 3 us}, {@code va=0x.. pfn=0x..}). A number is
 * the VA when the harness's truth read that page, or when it looks like an address; the PA is the next
 * address-like number or one labelled PA, phys or PFN. A time on the line (a unit, or a column named so) is
 * the latency.
 */
final class Part1Reader {
    private static final Pattern VA_COL = Pattern.compile("va|vaddr|vaddress|v_addr|virt\\w*|virtual\\w*|addr|address");
    private static final Pattern PA_COL = Pattern.compile("pa|paddr|paddress|p_addr|phys\\w*");
    private static final Pattern PFN_COL = Pattern.compile("pfn|ppn|frame\\w*|page_frame\\w*");
    private static final Pattern LAT_COL = Pattern.compile(".*(lat|time|dur|elapsed|delay|cost).*");
    private static final Pattern UNIT = Pattern.compile("(?<![a-z])(ns|nsecs?|nanoseconds?|us|usecs?|µs|μs|microseconds?|ms|msecs?"
            + "|milliseconds?|cycles?)(?![a-z])");
    private static final Pattern PA_LABEL = Pattern.compile("(?:^|[^a-z])(pa|paddr|phys\\w*|pfn|frame)(?:[^a-z]|$)");
    private static final Pattern NUMBERISH = Pattern.compile("(0x)?[0-9a-fA-F]+(\\.[0-9]+)?");
    /** A column name: words, units in brackets; no values ({@code va=0x..}, {@code 812ns}). */
    private static final Pattern HEADER_WORD = Pattern.compile("[a-zµμ_#\\[(][a-z0-9µμ_ ()\\[\\]/.%#-]*");
    private static final long USER_END = 1L << 47;
    private static final int HEADER_LINES = 5;

    /**
     * One pair as read.
     *
     * @param pa     what the student gave as the PA (a PFN when {@code pfn})
     * @param latNs  their latency on the line in ns, NaN when none
     */
    record Pair(long va, long pa, boolean pfn, double latNs, boolean cycles, long line, String text) {
    }

    interface Sink {
        void pair(Pair p);

        /** A latency on a line without a pair (a table of latencies alone). */
        void latency(double ns);
    }

    private Part1Reader() {
    }

    /** Reads {@code lines}; returns the form recognised, for people ({@code table: va,pa,lat_ns} or {@code free text}). */
    static String read(Iterator<String> lines, Part1Truth truth, Sink sink) {
        Table table = null;
        long n = 0;
        long pairs = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            n++;
            if (table == null && n <= HEADER_LINES) {
                table = Table.of(line);
                if (table != null) {
                    continue;
                }
            }
            Pair p = table != null ? table.pair(line, truth, n) : free(line, truth, n);
            if (p != null && p.va() >= 0) {
                sink.pair(p);
                pairs++;
            } else if (p != null && !Double.isNaN(p.latNs())) {
                sink.latency(p.latNs());
            }
        }
        return table != null ? "table: " + String.join(",", table.names) : pairs > 0 ? "free text, VA then PA on a line" : "";
    }

    /** A header line's columns: which holds the VA, the PA (or PFN) and the latency, and the latency's unit. */
    private record Table(String delimiter, List<String> names, int va, int pa, boolean pfn, int lat, String unit) {
        static Table of(String line) {
            String d = line.contains(",") ? "," : line.contains("\t") ? "\t" : line.contains(";") ? ";" : "\\s+";
            List<String> names = new ArrayList<>();
            for (String c : line.strip().split(d)) {
                String t = c.strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (t.isEmpty() || NUMBERISH.matcher(t).matches() || !HEADER_WORD.matcher(t).matches()) {
                    return null;
                }
                names.add(t);
            }
            int va = index(names, VA_COL);
            int pa = index(names, PA_COL);
            int pfn = index(names, PFN_COL);
            int lat = -1;
            String unit = "";
            for (int i = 0; i < names.size(); i++) {
                Matcher u = UNIT.matcher(names.get(i));
                if (lat < 0 && (LAT_COL.matcher(names.get(i)).matches() || u.find() && i != va && i != pa)) {
                    lat = i;
                    unit = UNIT.matcher(names.get(i)).find() ? normal(names.get(i)) : "";
                }
            }
            if (names.size() < 2 || (va < 0 || pa < 0 && pfn < 0) && lat < 0) {
                return null;
            }
            return new Table(d, names, va, pa >= 0 ? pa : pfn, pa < 0 && pfn >= 0, lat, unit);
        }

        Pair pair(String line, Part1Truth truth, long n) {
            String[] cells = line.strip().split(delimiter);
            double lat = Double.NaN;
            if (this.lat >= 0 && this.lat < cells.length) {
                lat = ns(cells[this.lat].strip(), unit);
            }
            if (va < 0 || Math.max(va, pa) >= cells.length) {
                return Double.isNaN(lat) ? null : new Pair(-1, 0, false, lat, false, n, line);
            }
            long v = choose(LooseNumber.values(cells[va].strip(), true), truth::covers);
            long[] paValues = LooseNumber.values(cells[pa].strip(), true);
            if (v < 0 || paValues == null || paValues.length == 0) {
                return null;
            }
            return new Pair(v, paValues[paValues.length - 1], pfn, lat, false, n, line);
        }
    }

    private static Pair free(String line, Part1Truth truth, long n) {
        List<LooseNumber> nums = LooseNumber.scan(line);
        double lat = Double.NaN;
        boolean cycles = false;
        for (LooseNumber x : nums) {
            if (x.isTime() && Double.isNaN(lat)) {
                lat = x.ns();
            }
            cycles |= x.isCycles();
        }
        int at = -1;
        long va = -1;
        for (int pass = 0; pass < 2 && at < 0; pass++) {
            for (int i = 0; i < nums.size() && at < 0; i++) {
                LooseNumber x = nums.get(i);
                if (x.hasUnit()) {
                    continue;
                }
                for (long v : x.values()) {
                    if (pass == 0 ? truth.covers(v) : addressLike(x) && v >= 0x10000 && v < USER_END) {
                        at = i;
                        va = v;
                        break;
                    }
                }
            }
        }
        for (int j = at + 1; at >= 0 && j < nums.size(); j++) {
            LooseNumber x = nums.get(j);
            boolean labelled = PA_LABEL.matcher(x.label()).find();
            if (x.hasUnit() || !(addressLike(x) || labelled) || x.values().length == 0) {
                continue;
            }
            boolean pfn = x.label().matches("(?s).*(pfn|frame)\\W*$");
            return new Pair(va, x.values()[x.values().length - 1], pfn, lat, cycles, n, line);
        }
        // a time without a pair (a summary's percentiles) is no translation's latency
        return null;
    }

    private static boolean addressLike(LooseNumber x) {
        return x.text().startsWith("0x") || x.text().startsWith("0X") || !x.text().matches("[0-9.]+");
    }

    private static long choose(long[] values, java.util.function.LongPredicate inTruth) {
        if (values == null || values.length == 0) {
            return -1;
        }
        for (long v : values) {
            if (inTruth.test(v)) {
                return v;
            }
        }
        return values[values.length - 1];
    }

    private static int index(List<String> names, Pattern p) {
        for (int i = 0; i < names.size(); i++) {
            String t = names.get(i).replaceAll("[^a-z0-9_]", "");
            if (p.matcher(t).matches() || p.matcher(t.replaceFirst("_?(ns|us|hex|addr)$", "")).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static double ns(String cell, String unit) {
        try {
            double v = Double.parseDouble(cell);
            return switch (unit) {
                case "ns" -> v;
                case "us" -> v * 1e3;
                case "ms" -> v * 1e6;
                default -> Double.NaN;
            };
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String normal(String name) {
        Matcher u = UNIT.matcher(name);
        if (!u.find()) {
            return "";
        }
        String s = u.group(1);
        return s.startsWith("n") ? "ns" : s.startsWith("u") || s.startsWith("µ") || s.startsWith("μ") || s.startsWith("mic") ? "us"
                : s.startsWith("cyc") ? "cycles" : "ms";
    }
}
