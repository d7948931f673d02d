package ptlab.judge;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-second report lines of an access scanner that can be read without a person: run-length values from a page
 * index ({@code first=0 rle=10*131072,0*131073}, see {@link RunLengthForm}), a count for one page
 * ({@code page 1234: 56}, {@code idx=1234 count=56}), for one VA ({@code 0x7f..: 56}, {@code va=0x.. freq=56}), or
 * for a range of VAs, pages or MiB offsets ({@code [0x..-0x..] 56}, {@code pages 0-255: 9}, {@code 0MB-256MB: 9.8}).
 * A range's value is taken as the value of each of its pages. The most specific form is tried first, a number
 * labelled as a size or a sequence ({@code addr=0x.. pages=262145}, {@code len=}, {@code seq=}) is no count, and a
 * module's bookkeeping lines ({@code heat_done ...}, {@code scan_start ...}) are no reports at all.
 */
public final class AccessForms {
    /** What a line counts: pages by index in the buffer, by VA, or by MiB offset. */
    public enum Form {
        RUN_LENGTH("run-length page values"), VA_RANGE("VA range with count"), MIB_RANGE("MiB-offset range with count"), PAGE_RANGE("page-index range with count"),
        PAGE("page index with count"), VA("VA with count");

        private final String label;

        Form(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One recognised span: {@code [from, to)} in pages (PAGE and RUN_LENGTH forms), in bytes of VA (VA forms) or in
     * bytes of offset (MIB_RANGE); {@code value} the access count or frequency printed for each page; {@code origin}
     * the VA of page index 0 when the line printed it (RUN_LENGTH), else 0.
     */
    public record Hit(Form form, long from, long to, double value, long origin) {
        public Hit(Form form, long from, long to, double value) {
            this(form, from, to, value, 0);
        }
    }

    private static final String SEP = "\\s*[\\])]?\\s*[:=,|]?\\s*(?:\\(?(?<label>[a-z_/]+)\\)?\\s*[:=]?\\s*)?";
    /** Labels of numbers that are sizes, positions or sequence numbers, never an access count. */
    private static final Pattern NOT_A_COUNT = Pattern.compile("(?i)n?r?_?pages?|npages|len|length|size|bytes|pid|seq|gran"
            + "|part|first|start|end|scans?|t|t_ms|ms|s|\\w+_ms|\\w+_s|\\w+_ns|present|nr|total");
    /** A line whose first word (after any {@code module:} prefix) says it starts, ends or closes something. */
    private static final Pattern BOOKKEEPING = Pattern.compile("(?i)^(?:[\\w.-]+:\\s*)?(\\w*_(?:done|start|started|stop|stopped"
            + "|end|begin|gone|summary)|start|started|stop|stopped|done|begin|end|loaded|unloaded|summary)(?![\\w-])");
    private static final String VALUE = "(\\d+(?:\\.\\d+)?)(?![0-9a-z.])";
    private static final Pattern VA_RANGE = Pattern.compile("(?i)(0x[0-9a-f]+)\\s*-\\s*(0x[0-9a-f]+)" + SEP + VALUE);
    private static final Pattern MIB_RANGE = Pattern.compile("(?i)(\\d+)\\s*(?:mib|mb|m)?\\s*-\\s*(\\d+)\\s*(?:mib|mb|m)(?![a-z])" + SEP + VALUE);
    private static final Pattern PAGE_RANGE = Pattern.compile("(?i)\\bpages?\\s*\\[?\\s*(\\d+)\\s*(?:-|\\.\\.)\\s*(\\d+)" + SEP + VALUE);
    private static final Pattern PAGE = Pattern.compile(
            "(?i)\\b(?:page|pg|idx|index|page_idx|page_index|pgidx)\\s*[\\[#:=]?\\s*(\\d+)(?![0-9a-z.-])" + SEP + VALUE);
    private static final Pattern VA = Pattern.compile("(?i)(0x[0-9a-f]{6,})(?![0-9a-z-])" + SEP + VALUE);
    private static final List<Form> ORDER = List.of(Form.VA_RANGE, Form.MIB_RANGE, Form.PAGE_RANGE, Form.PAGE, Form.VA);

    private AccessForms() {
    }

    /** The line's spans in the most specific form that reads it; empty for bookkeeping and unknown lines. */
    public static List<Hit> read(String line) {
        if (bookkeeping(line) != null) {
            return List.of();
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.contains("rle") || lower.contains("runs")) {
            List<Hit> runs = RunLengthForm.read(line);
            if (!runs.isEmpty()) {
                return runs;
            }
        }
        for (Form f : ORDER) {
            if (!mayBe(f, lower)) {
                continue;
            }
            Matcher m = pattern(f).matcher(line);
            if (!m.find() || m.group("label") != null && NOT_A_COUNT.matcher(m.group("label")).matches()) {
                continue;
            }
            try {
                double value = Double.parseDouble(m.group(m.groupCount()));
                return List.of(switch (f) {
                    case VA_RANGE -> new Hit(f, hex(m.group(1)), hex(m.group(2)), value);
                    case MIB_RANGE -> new Hit(f, Long.parseLong(m.group(1)) << 20, Long.parseLong(m.group(2)) << 20, value);
                    case PAGE_RANGE -> new Hit(f, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) + 1, value);
                    case PAGE -> new Hit(f, Long.parseLong(m.group(1)), Long.parseLong(m.group(1)) + 1, value);
                    case VA -> new Hit(f, hex(m.group(1)), hex(m.group(1)) + 4096, value);
                    case RUN_LENGTH -> throw new IllegalStateException("read by RunLengthForm");
                });
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return List.of();
    }

    /** The line's spans if {@code form} is the first that reads it, else empty: a second walk sees what the first saw. */
    static List<Hit> read(String line, Form form) {
        List<Hit> hits = read(line);
        return hits.isEmpty() || hits.get(0).form() != form ? List.of() : hits;
    }

    /** Whether the line has the words the form's pattern needs: most lines of a flood are then never matched. */
    private static boolean mayBe(Form f, String lower) {
        return switch (f) {
            case VA_RANGE, VA -> lower.contains("0x");
            case MIB_RANGE -> lower.indexOf('-') >= 0 && lower.indexOf('m') >= 0;
            case PAGE_RANGE -> lower.contains("pag") && (lower.indexOf('-') >= 0 || lower.contains(".."));
            case PAGE -> lower.contains("pag") || lower.contains("pg") || lower.contains("idx") || lower.contains("index");
            case RUN_LENGTH -> false;
        };
    }

    /** The bookkeeping word a line starts with ({@code heat_done}, {@code scan_start}), or null for any other line. */
    public static String bookkeeping(String line) {
        Matcher m = BOOKKEEPING.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    private static Pattern pattern(Form f) {
        return switch (f) {
            case VA_RANGE -> VA_RANGE;
            case MIB_RANGE -> MIB_RANGE;
            case PAGE_RANGE -> PAGE_RANGE;
            case PAGE -> PAGE;
            case VA -> VA;
            case RUN_LENGTH -> throw new IllegalArgumentException("no single pattern");
        };
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }
}
