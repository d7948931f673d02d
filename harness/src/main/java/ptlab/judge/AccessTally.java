package ptlab.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptlab.analysis.Fmt;
import ptlab.parse.MarkedWindows;

/**
 * A first walk over the lines between the access markers, keeping counts only: lines per form, the bookkeeping words,
 * the lowest VA and the first page-0 VA of each form, lines per second and the first lines to quote. Its size does
 * not grow with the log, so a module that logs every page every second can be judged.
 */
final class AccessTally {
    static final int QUOTED = 12;
    private final long beginUs;
    private final Map<AccessForms.Form, Integer> linesByForm = new EnumMap<>(AccessForms.Form.class);
    private final Map<AccessForms.Form, Long> lowest = new EnumMap<>(AccessForms.Form.class);
    private final Map<AccessForms.Form, Long> origin = new EnumMap<>(AccessForms.Form.class);
    private final Map<String, Integer> bookkeeping = new TreeMap<>();
    private final List<MarkedWindows.Line> first = new ArrayList<>();
    private long[] perSecond = new long[16];
    private int seconds;
    private int lines;

    AccessTally(long beginUs) {
        this.beginUs = beginUs;
    }

    void add(MarkedWindows.Line l) {
        lines++;
        if (first.size() <= QUOTED) {
            first.add(l);
        }
        int sec = (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, (l.tsUsec() - beginUs) / 1_000_000));
        if (sec >= perSecond.length) {
            perSecond = Arrays.copyOf(perSecond, Math.max(sec + 1, perSecond.length * 2));
        }
        perSecond[sec]++;
        seconds = Math.max(seconds, sec + 1);
        String tag = AccessForms.bookkeeping(l.text());
        if (tag != null) {
            bookkeeping.merge(tag, 1, Integer::sum);
            return;
        }
        List<AccessForms.Hit> hits = AccessForms.read(l.text());
        if (hits.isEmpty()) {
            return;
        }
        AccessForms.Form f = hits.get(0).form();
        linesByForm.merge(f, 1, Integer::sum);
        for (AccessForms.Hit h : hits) {
            lowest.merge(f, h.from(), Math::min);
            if (h.origin() != 0) {
                origin.putIfAbsent(f, h.origin());
            }
        }
    }

    int lines() {
        return lines;
    }

    /** The form that reads the most lines, or null. */
    AccessForms.Form form() {
        return linesByForm.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    int read(AccessForms.Form f) {
        return f == null ? 0 : linesByForm.getOrDefault(f, 0);
    }

    long lowest(AccessForms.Form f) {
        return lowest.getOrDefault(f, 0L);
    }

    /** The VA of page index 0 the form's lines printed, or 0. */
    long origin(AccessForms.Form f) {
        return origin.getOrDefault(f, 0L);
    }

    /** {@code 64 of 130 line(s) read as ... (66 bookkeeping: heat_done, scan_start)}. */
    String counted(AccessForms.Form f) {
        return Fmt.f("%d of %d line(s) read as %s%s", read(f), lines, f == null ? "none" : f.label(),
                bookkeeping.isEmpty() ? "" : Fmt.f(" (%d bookkeeping: %s)", bookkeeping.values().stream().mapToInt(i -> i).sum(),
                        String.join(", ", bookkeeping.keySet())));
    }

    /** The first lines as {@code kmsg.txt:N: text}, and how many more there were. */
    String excerpt() {
        return Lines.excerpt(first.subList(0, Math.min(QUOTED, first.size())), lines, QUOTED);
    }

    /**
     * {@code min 0, median 1,024, max 1,030 over 120 s}: lines the student logged per second of the window.
     *
     * @param endUs  the end marker's time, or -1
     */
    String perSecond(long endUs) {
        if (lines == 0) {
            return "none";
        }
        int secs = endUs < 0 ? seconds : (int) Math.max(seconds, (endUs - beginUs + 999_999) / 1_000_000);
        long[] s = Arrays.copyOf(perSecond, secs);
        Arrays.sort(s);
        return Fmt.f("min %s, median %s, max %s over %d s", Fmt.count(s[0]), Fmt.count(s[s.length / 2]),
                Fmt.count(s[s.length - 1]), s.length);
    }
}
