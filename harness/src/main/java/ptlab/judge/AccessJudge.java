package ptlab.judge;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import ptlab.analysis.Fmt;
import ptlab.analysis.Heatmap;
import ptlab.analysis.HeatmapBuilder;
import ptlab.analysis.OracleResult;
import ptlab.parse.AccessParams;
import ptlab.parse.MarkedWindows;
import ptlab.parse.MemallocStatus;

/**
 * Part 2.4 of a submission, best effort: the student's per-second reports between the harness's access
 * markers, read in the {@link AccessForms} form that reads most of them, as a heatmap over the 1 GiB buffer. Heat
 * must be where the workload puts it: hot and warm active, the rest idle (under TCG the warm region, read every
 * 1 ms, is touched in every 100 ms scan, so warm may be as hot as hot: only each against idle counts). The regions
 * are the ones memalloc printed, else the seed's. A report must come about every second of the time the program
 * really ran between the markers (a memalloc stopped at the harness's limit ran less than its own duration).
 * Lines in no known form need review.
 */
public final class AccessJudge {
    public static final String NAME = "2.4 access bits: heat where the workload touched";
    static final long GIB = 1L << 30;
    /** Hot and warm must each read at least this many times the idle rest. */
    static final double FACTOR = 4;
    /** Below this share of the lines in one form, the log needs a person. */
    static final double MIN_SHARE = 0.2;
    /** A pause this long between lines starts the next report. */
    static final long REPORT_GAP_US = 300_000;

    private AccessJudge() {
    }

    /**
     * @param heatmap   null when no form was recognised
     * @param form      the form read, or null
     * @param baseNote  where the buffer's start VA came from (VA and run-length forms), else empty
     */
    public record Result(OracleResult oracle, Heatmap heatmap, AccessParams params, AccessForms.Form form, String baseNote,
            String excerpt, String perSecond) {
    }

    /** How long the student's program ran between the markers, and what says so. */
    record Window(double seconds, String how) {
        static Window of(MarkedWindows.Window w, MemallocStatus status, MemallocPrinted printed) {
            String asked = printed.durationS() > 0 ? "memalloc's own duration_s=" + printed.durationS()
                    : status != null && status.durationS() > 0 ? "the harness asked for " + status.durationS() + " s" : "";
            String tail = asked.isEmpty() ? "" : " (" + asked + ")";
            if (w.end() != null) {
                double s = Math.max(0, w.end().tsUsec() - w.begin().tsUsec()) / 1e6;
                return new Window(s, "in the " + Fmt.sig3(s) + " s between the markers" + tail);
            }
            if (status != null && status.ranS() > 0) {
                return new Window(status.ranS(), "in the " + Fmt.sig3(status.ranS()) + " s memalloc ran (no end marker)" + tail);
            }
            long s = status != null && status.durationS() > 0 ? status.durationS() : 120;
            return new Window(s, "in " + s + " s (no end marker, no run time)" + tail);
        }
    }

    public static Result judge(MarkedWindows.Window w, MemallocStatus status, String memallocOut) {
        MemallocPrinted printed = MemallocPrinted.of(memallocOut);
        Window time = Window.of(w, status, printed);
        AccessParams p = new AccessParams(GIB, printed.hotEnd(), printed.warmStart(), printed.warmEnd(),
                Math.max(1, (long) Math.ceil(time.seconds())), 100, 1000, "unknown");
        String program = program(status, memallocOut);
        List<MarkedWindows.Line> lines = w.lines();
        String excerpt = Lines.excerpt(lines, 12);
        String perSecond = perSecond(w);
        if (lines.isEmpty()) {
            return new Result(OracleResult.fail(NAME, "nothing logged between the access markers" + program), null, p, null, "",
                    excerpt, perSecond);
        }
        Map<AccessForms.Form, List<Timed>> byForm = new EnumMap<>(AccessForms.Form.class);
        Map<AccessForms.Form, Integer> linesByForm = new EnumMap<>(AccessForms.Form.class);
        Map<String, Integer> bookkeeping = new TreeMap<>();
        for (MarkedWindows.Line l : lines) {
            String tag = AccessForms.bookkeeping(l.text());
            if (tag != null) {
                bookkeeping.merge(tag, 1, Integer::sum);
                continue;
            }
            List<AccessForms.Hit> hits = AccessForms.read(l.text());
            if (!hits.isEmpty()) {
                List<Timed> into = byForm.computeIfAbsent(hits.get(0).form(), f -> new ArrayList<>());
                hits.forEach(h -> into.add(new Timed(l.tsUsec(), h)));
                linesByForm.merge(hits.get(0).form(), 1, Integer::sum);
            }
        }
        AccessForms.Form form = linesByForm.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(null);
        int read = form == null ? 0 : linesByForm.get(form);
        String counted = Fmt.f("%d of %d line(s) read as %s%s", read, lines.size(), form == null ? "none" : form.label(),
                bookkeeping.isEmpty() ? "" : Fmt.f(" (%d bookkeeping: %s)", bookkeeping.values().stream().mapToInt(i -> i).sum(),
                        String.join(", ", bookkeeping.keySet())));
        if (form == null || read < MIN_SHARE * lines.size()) {
            return new Result(OracleResult.needsReview(NAME, Fmt.f("%d line(s) between the markers, %d in a known form%s;"
                    + " lines per second: %s; a person must read them (excerpt in the report)", lines.size(), read,
                    form == null ? "" : " (" + form.label() + ")", perSecond) + program), null, p, form, "", excerpt, perSecond);
        }
        List<Timed> hits = byForm.get(form);
        long base = 0;
        String baseNote = "";
        long origin = hits.stream().mapToLong(t -> t.hit().origin()).filter(o -> o != 0).findFirst().orElse(0);
        if (form == AccessForms.Form.VA || form == AccessForms.Form.VA_RANGE) {
            base = printed.base() >= 0 ? printed.base() : hits.stream().mapToLong(t -> t.hit().from()).min().orElse(0) & ~0xfffL;
            baseNote = printed.base() >= 0 ? printed.baseNote()
                    : "buffer start " + Fmt.hex(base) + " taken as the lowest VA logged (memalloc printed no address)";
        } else if (form == AccessForms.Form.RUN_LENGTH && origin != 0) {
            base = printed.base() >= 0 ? printed.base() : origin;
            baseNote = "page 0 at the module's addr=" + Fmt.hex(origin) + "; " + (printed.base() >= 0 ? printed.baseNote()
                    : "taken as the buffer start (memalloc printed no address)");
        }
        Heatmap h = StudentHeatmap.build(hits, form, base, w.begin().tsUsec(), p);
        return new Result(check(h, p, counted, time, printed.regionNote(), baseNote, program), h, p, form, baseNote, excerpt,
                perSecond);
    }

    /** One recognised span and when it was logged. */
    record Timed(long tsUsec, AccessForms.Hit hit) {
    }

    static OracleResult check(Heatmap h, AccessParams p, String counted, Window time, String regionNote, String baseNote,
            String program) {
        Heatmap.Regions r = h.regions();
        double bar = FACTOR * r.cold();
        boolean heat = r.hot() > 0 && r.warm() > 0 && r.hot() >= bar && r.warm() >= bar;
        boolean cadence = h.complete() >= 0.8 * time.seconds() - 1 && h.complete() <= 1.25 * time.seconds() + 2;
        String detail = Fmt.f("%s; %d report(s) %s; mean per page (%s): hot [0, %s) %s, warm [%s, %s) %s, idle [%s, %s) %s",
                counted, h.complete(), time.how(), regionNote, Fmt.size(p.hotEnd()), Fmt.sig3(r.hot()), Fmt.size(p.warmStart()),
                Fmt.size(p.warmEnd()), Fmt.sig3(r.warm()), Fmt.size(p.warmEnd()), Fmt.size(p.size()), Fmt.sig3(r.cold()));
        if (!heat) {
            detail += Fmt.f("; hot and warm must each be above 0 and at least %sx idle", Fmt.sig3(FACTOR));
        }
        if (!cadence) {
            detail += "; not a report about every second";
        }
        return OracleResult.of(NAME, heat && cadence, detail + (baseNote.isEmpty() ? "" : "; " + baseNote) + program);
    }

    /** What the student's memalloc did, as a clause; says when it looks like it waited for input. */
    static String program(MemallocStatus s, String out) {
        if (s == null) {
            return "";
        }
        String how = !s.signal().isEmpty() ? "killed by " + s.signal() : s.exit() >= 0 ? "exit " + s.exit() : "no exit status";
        StringBuilder sb = new StringBuilder("; memalloc: " + how + (s.ranS() >= 0 ? " after " + Fmt.sig3(s.ranS()) + " s" : "")
                + (s.timedOut() ? " (timed out)" : ""));
        boolean asks = Pattern.compile("(?i)\\b(press|enter|input|any key|hit return|getchar)\\b").matcher(out).find();
        boolean early = s.ranS() >= 0 && s.durationS() > 0 && s.ranS() < s.durationS() / 2.0 && !s.timedOut();
        if (asks && (early || s.timedOut())) {
            sb.append(early ? "; it seems to wait for input: stdin was closed, so it read EOF and ended early"
                    : "; it seems to wait for input and never went on");
        } else if (early) {
            sb.append(Fmt.f("; it ended after less than half of its %d s", s.durationS()));
        }
        return sb.toString();
    }

    /** {@code min 0, median 1,024, max 1,030 over 120 s}: lines the student logged per second of the window. */
    static String perSecond(MarkedWindows.Window w) {
        if (w.lines().isEmpty()) {
            return "none";
        }
        long t0 = w.begin().tsUsec();
        long last = (w.end() != null ? w.end().tsUsec() : w.lines().get(w.lines().size() - 1).tsUsec()) - t0;
        int secs = (int) Math.max(1, (last + 999_999) / 1_000_000);
        long[] n = new long[secs];
        for (MarkedWindows.Line l : w.lines()) {
            n[(int) Math.max(0, Math.min(secs - 1, (l.tsUsec() - t0) / 1_000_000))]++;
        }
        long[] s = n.clone();
        java.util.Arrays.sort(s);
        return Fmt.f("min %s, median %s, max %s over %d s", Fmt.count(s[0]), Fmt.count(s[s.length / 2]),
                Fmt.count(s[s.length - 1]), secs);
    }

    /** For the heatmap's rows: how the builder of the reference scanner sizes them. */
    static long rowPages() {
        return HeatmapBuilder.rowPages(GIB / 4096);
    }
}
