package ptlab.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ptlab.parse.MarkedWindows;

/**
 * One VMA as a student's module printed it: a range line ({@code VMA1: [0x400000 - 0x452000]},
 * {@code 0x400000-0x452000}, {@code start=.. end=..}, {@code vm_start: 0x.. vm_end: 0x..}) and the fields on
 * it and on the lines that follow up to the next range. A field the student did not print is absent
 * (empty, or -1), and is not judged.
 *
 * @param perms   {@code r-xp} (or {@code r-x}) as printed, or derived from printed vm_flags; empty when absent
 * @param flags   vm_flags when printed as a number, else -1
 * @param path    the file or name printed, "" for an explicit none ({@code (null)}), null when absent
 * @param offset  the offset or pgoff printed (bytes or pages), -1 when absent
 * @param type    file, heap, stack, anon or special when a type was printed; empty when absent
 */
public record StudentVma(long start, long end, String perms, long flags, String path, long offset, String type,
        List<MarkedWindows.Line> lines) {
    private static final Pattern START_END = Pattern.compile(
            "(?i)(?:vm_)?start\\s*[=:]\\s*(0x[0-9a-f]+|[0-9a-f]+)\\b.*?(?:vm_)?end\\s*[=:]\\s*(0x[0-9a-f]+|[0-9a-f]+)\\b");
    private static final Pattern BRACKETS = Pattern.compile(
            "(?i)\\[\\s*(0x[0-9a-f]+|[0-9a-f]{4,16})\\s*(?:-|,|\\.\\.)\\s*(0x[0-9a-f]+|[0-9a-f]{4,16})\\s*[)\\]]");
    private static final Pattern DASH = Pattern.compile(
            "(?i)(?<![0-9a-z])(0x[0-9a-f]+|[0-9a-f]{8,16})\\s*(?:->|-|~|\\u2013|\\s+to\\s+)\\s*(0x[0-9a-f]+|[0-9a-f]{8,16})"
            + "(?![0-9a-z])");
    /** A start and an end printed one per line ({@code vm_start: 0x...} then {@code vm_end: 0x...}). */
    private static final Pattern START_ONLY = Pattern.compile("(?i)(?<![a-z])(?:vm_?)?start(?:_?addr(?:ess)?)?\\s*[=:]\\s*(0x[0-9a-f]+|[0-9a-f]+)\\b");
    private static final Pattern END_ONLY = Pattern.compile("(?i)(?<![a-z])(?:vm_?)?end(?:_?addr(?:ess)?)?\\s*[=:]\\s*(0x[0-9a-f]+|[0-9a-f]+)\\b");
    /** Lines between a start line and its end line. */
    private static final int SPLIT_GAP = 3;
    /** A vm_file printed as a pointer (%p, %px, hashed or null) names no file. */
    private static final Pattern POINTER = Pattern.compile("(?i)(?:0x)?[0-9a-f]{8,16}|\\(?(?:____ptrval____|ptrval)\\)?");
    private static final Pattern PERMS_LABEL = Pattern.compile("(?i)(?:perm\\w*|prot\\w*|mode)\\s*[:=]?\\s*([r-][w-][x-][psPS]?)(?![A-Za-z-])");
    private static final Pattern PERMS_BARE = Pattern.compile("(?<![A-Za-z0-9/_.-])([r-][w-][x-][ps])(?![A-Za-z0-9-])");
    private static final Pattern FLAGS = Pattern.compile("(?i)(?:vm_)?flags\\s*[:=]\\s*(0x[0-9a-f]+|[0-9a-f]+)\\b");
    private static final Pattern FILE = Pattern.compile("(?i)(?:vm_)?(?:file|path|name)\\s*[:=]\\s*(.*?)\\s*(?:[|,;]|$)");
    private static final Pattern BARE_PATH = Pattern.compile("(?<![\\w])(/[^\\s|,;]+|\\[(?:heap|stack|vdso|vvar|vsyscall)\\])");
    private static final Pattern OFFSET = Pattern.compile("(?i)(?:vm_)?(?:pgoff|offset|off)\\s*[:=]\\s*(0x[0-9a-f]+|[0-9a-f]+)\\b");
    private static final Pattern TYPE = Pattern.compile("(?i)type\\s*[:=]\\s*([A-Za-z][\\w -]*)");

    /**
     * Every VMA in {@code lines}, in order; lines before the first range line are left out. A range is on one line,
     * or its start and end are on lines at most {@value #SPLIT_GAP} apart; the lines from the start on are the VMA's.
     */
    public static List<StudentVma> parse(List<MarkedWindows.Line> lines) {
        List<StudentVma> out = new ArrayList<>();
        Builder b = null;
        List<MarkedWindows.Line> pending = new ArrayList<>();
        long pendingStart = -1;
        for (MarkedWindows.Line l : lines) {
            long[] range = range(l.text());
            Long start = range == null ? single(START_ONLY, l.text()) : null;
            Long end = range == null && start == null && !pending.isEmpty() ? single(END_ONLY, l.text()) : null;
            boolean split = end != null && Long.compareUnsigned(pendingStart, end) < 0;
            if (split) {
                range = new long[] {pendingStart, end};
            } else if (range != null || start != null) {
                // a start line waiting for its end, seen again or dropped: its lines were the earlier VMA's
                flush(b, pending);
            }
            if (start != null) {
                pendingStart = start;
                pending.add(l);
                continue;
            }
            if (range != null) {
                if (b != null) {
                    out.add(b.build());
                }
                List<MarkedWindows.Line> first = new ArrayList<>(pending);
                first.add(l);
                b = new Builder(range[0], range[1]);
                for (int i = 0; i < first.size(); i++) {
                    b.take(first.get(i), i == 0);
                }
                pending.clear();
                continue;
            }
            if (!pending.isEmpty() && pending.size() <= SPLIT_GAP) {
                pending.add(l);
                continue;
            }
            pending.add(l);
            flush(b, pending);
        }
        flush(b, pending);
        if (b != null) {
            out.add(b.build());
        }
        return out;
    }

    /** Lines that turned out to be no start of a range: the current VMA's (none before the first). */
    private static void flush(Builder b, List<MarkedWindows.Line> pending) {
        if (b != null) {
            for (MarkedWindows.Line x : pending) {
                b.take(x, false);
            }
        }
        pending.clear();
    }

    /** The number {@code p} labels on the line, or null. */
    private static Long single(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return null;
        }
        long[] r = pair(m.group(1), m.group(1));
        return r == null ? null : r[0];
    }

    /** start and end of the line's range, or null. */
    static long[] range(String s) {
        for (Pattern p : List.of(START_END, BRACKETS, DASH)) {
            Matcher m = p.matcher(s);
            if (m.find()) {
                long[] r = pair(m.group(1), m.group(2));
                if (r != null && Long.compareUnsigned(r[0], r[1]) < 0) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Both as hex when 0x-prefixed or lettered; bare digits as hex unless only decimal keeps both page-aligned. */
    private static long[] pair(String a, String b) {
        try {
            long[] hex = {hex(a), hex(b)};
            boolean bare = !a.toLowerCase(Locale.ROOT).startsWith("0x") && a.matches("[0-9]+") && b.matches("[0-9]+");
            if (bare && (hex[0] % 4096 != 0 || hex[1] % 4096 != 0)) {
                long[] dec = {Long.parseLong(a), Long.parseLong(b)};
                return dec[0] % 4096 == 0 && dec[1] % 4096 == 0 ? dec : hex;
            }
            return hex;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code s} as a number: hex when 0x-prefixed or lettered; bare digits decimal unless only the hex reading is
     * {@code plausible}; -1 when it does not fit 64 bits.
     */
    static long number(String s, java.util.function.LongPredicate plausible) {
        try {
            if (s.toLowerCase(Locale.ROOT).startsWith("0x") || !s.matches("[0-9]+")) {
                return hex(s);
            }
            long dec = Long.parseLong(s);
            long hex = s.length() <= 16 ? hex(s) : -1;
            return hex >= 0 && plausible.test(hex) && !plausible.test(dec) ? hex : dec;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long hex(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        return Long.parseUnsignedLong(t.startsWith("0x") ? t.substring(2) : t, 16);
    }

    /** perms as maps prints them: r/w/x from VM_READ, VM_WRITE, VM_EXEC; 's' for VM_SHARED (0x8) or VM_MAYSHARE (0x80). */
    static String permsOf(long flags) {
        return "" + ((flags & 1) != 0 ? 'r' : '-') + ((flags & 2) != 0 ? 'w' : '-') + ((flags & 4) != 0 ? 'x' : '-')
                + ((flags & 0x88) != 0 ? 's' : 'p');
    }

    static String typeOf(String printed) {
        String t = printed.toLowerCase(Locale.ROOT);
        if (t.contains("file")) {
            return "file";
        }
        for (String k : List.of("heap", "stack", "anon")) {
            if (t.contains(k)) {
                return k;
            }
        }
        return "special";
    }

    private static final class Builder {
        final long start;
        final long end;
        String perms = "";
        long flags = -1;
        String path;
        long offset = -1;
        String type = "";
        final List<MarkedWindows.Line> lines = new ArrayList<>();

        Builder(long start, long end) {
            this.start = start;
            this.end = end;
        }

        void take(MarkedWindows.Line l, boolean rangeLine) {
            lines.add(l);
            String s = l.text();
            Matcher m = FILE.matcher(s);
            if (path == null && m.find()) {
                String p = m.group(1).strip();
                // a pointer printed for vm_file: null is no file, any other names none the judge can read
                path = p.isEmpty() || p.matches("(?i)\\(?(null|none|nil|anon\\w*|-|n/a)\\)?|(?:0x)?0+") ? ""
                        : POINTER.matcher(p).matches() ? null : p;
            } else if (path == null && (m = BARE_PATH.matcher(s)).find()) {
                path = m.group(1);
            }
            if ((m = TYPE.matcher(s)).find() && type.isEmpty()) {
                type = typeOf(m.group(1));
            }
            if ((m = OFFSET.matcher(s)).find() && offset < 0) {
                // bare digits are decimal, unless only their hex reading is a page-aligned byte offset (%lx, no 0x)
                offset = number(m.group(1), v -> v % 4096 == 0);
            }
            if ((m = FLAGS.matcher(s)).find() && flags < 0) {
                // bare digits are decimal, unless only their hex reading has VM_MAYREAD, which user mappings carry
                flags = number(m.group(1), v -> (v & 0x10) != 0);
            }
            if (perms.isEmpty() && ((m = PERMS_LABEL.matcher(s)).find() || rangeLine && (m = PERMS_BARE.matcher(s)).find())) {
                perms = m.group(1).toLowerCase(Locale.ROOT);
            }
        }

        StudentVma build() {
            String p = perms.isEmpty() && flags >= 0 ? permsOf(flags) : perms;
            return new StudentVma(start, end, p, flags, path, offset, type, lines);
        }
    }
}
