package ptlab.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kmsg records the harness fenced with its own marker records ({@code ptlab: xlate begin i=3 ...} ..
 * {@code ptlab: xlate end i=3}): what a student's module logged while the harness drove one of its
 * interfaces. Each record's message is split into lines (a record may carry several after unescaping);
 * priority, facility and any {@code modname: } prefix are kept as they are.
 */
public final class MarkedWindows {
    private MarkedWindows() {
    }

    /** One line of a record inside a window. */
    public record Line(int kmsgLine, long tsUsec, String text) {
    }

    /**
     * The records strictly between a begin marker and the next end marker.
     *
     * @param begin  the begin marker record
     * @param end    the end marker record, or null when the log ends (or another begin comes) first
     */
    public record Window(KmsgRecord begin, KmsgRecord end, List<Line> lines) {
        public Window {
            lines = List.copyOf(lines);
        }

        public boolean closed() {
            return end != null;
        }

        /** The value of {@code key=} in the begin marker, or empty. */
        public String beginValue(String key) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^| )" + java.util.regex.Pattern.quote(key)
                    + "=(\\S*)").matcher(begin.message());
            return m.find() ? m.group(1) : "";
        }
    }

    /** A window's lines that can be walked more than once: from memory, or read again from the file each time. */
    @FunctionalInterface
    public interface Walk {
        void each(Consumer<Line> sink);
    }

    /** The window's lines as a walk. */
    public static Walk walk(Window w) {
        return w.lines()::forEach;
    }

    /**
     * Every window opened by a record starting with {@code beginPrefix} and closed by the next record starting
     * with {@code endPrefix}; a begin before the end closes the open window unclosed.
     */
    public static List<Window> between(KmsgLog log, String beginPrefix, String endPrefix) {
        List<Window> out = new ArrayList<>();
        KmsgRecord open = null;
        List<Line> lines = new ArrayList<>();
        for (KmsgRecord r : log.records()) {
            String m = r.message();
            if (m.startsWith(beginPrefix)) {
                if (open != null) {
                    out.add(new Window(open, null, lines));
                }
                open = r;
                lines = new ArrayList<>();
            } else if (m.startsWith(endPrefix)) {
                if (open != null) {
                    out.add(new Window(open, r, lines));
                    open = null;
                }
            } else if (open != null) {
                lines(r, lines::add);
            }
        }
        if (open != null) {
            out.add(new Window(open, null, lines));
        }
        return out;
    }

    /** The record's message as window lines: split, stripped, blank ones left out. */
    static void lines(KmsgRecord r, Consumer<Line> sink) {
        for (String s : r.message().split("\n")) {
            if (!s.isBlank()) {
                sink.accept(new Line(r.line(), r.tsUsec(), s.strip()));
            }
        }
    }
}
