package ptlab.judge;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-second report lines of an access scanner that can be read without a person: a count for one page
 * ({@code page 1234: 56}, {@code idx=1234 count=56}), for one VA ({@code 0x7f..: 56}, {@code va=0x.. freq=56}), or
 * for a range of VAs, pages or MiB offsets ({@code [0x..-0x..] 56}, {@code pages 0-255: 9}, {@code 0MB-256MB: 9.8}).
 * A range's value is taken as the value of each of its pages.
 */
public final class AccessForms {
    /** What a line counts: pages by index in the buffer, by VA, or by MiB offset. */
    public enum Form {
        VA_RANGE("VA range with count"), MIB_RANGE("MiB-offset range with count"), PAGE_RANGE("page-index range with count"),
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
     * One recognised line: {@code [from, to)} in pages (PAGE forms), in bytes of VA (VA forms) or in bytes of offset
     * (MIB_RANGE); {@code value} the access count or frequency printed for each page.
     */
    public record Hit(Form form, long from, long to, double value) {
    }

    private static final String SEP = "\\s*[\\])]?\\s*[:=,|]?\\s*(?:\\(?[a-z_/]+\\)?\\s*[:=]?\\s*)?";
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

    /** The line's hit in the first form that reads it, or null. */
    public static Hit read(String line) {
        for (Form f : ORDER) {
            Matcher m = pattern(f).matcher(line);
            if (!m.find()) {
                continue;
            }
            try {
                double value = Double.parseDouble(m.group(m.groupCount()));
                return switch (f) {
                    case VA_RANGE -> new Hit(f, hex(m.group(1)), hex(m.group(2)), value);
                    case MIB_RANGE -> new Hit(f, Long.parseLong(m.group(1)) << 20, Long.parseLong(m.group(2)) << 20, value);
                    case PAGE_RANGE -> new Hit(f, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) + 1, value);
                    case PAGE -> new Hit(f, Long.parseLong(m.group(1)), Long.parseLong(m.group(1)) + 1, value);
                    case VA -> new Hit(f, hex(m.group(1)), hex(m.group(1)) + 4096, value);
                };
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Pattern pattern(Form f) {
        return switch (f) {
            case VA_RANGE -> VA_RANGE;
            case MIB_RANGE -> MIB_RANGE;
            case PAGE_RANGE -> PAGE_RANGE;
            case PAGE -> PAGE;
            case VA -> VA;
        };
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }
}
