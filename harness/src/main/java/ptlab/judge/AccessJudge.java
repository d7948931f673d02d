package ptlab.judge;

import java.util.regex.Pattern;
import ptlab.analysis.Fmt;
import ptlab.analysis.Heatmap;
import ptlab.analysis.HeatmapBuilder;
import ptlab.analysis.OracleResult;
import ptlab.parse.AccessParams;
import ptlab.parse.KmsgRecord;
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
        static Window of(KmsgRecord begin, KmsgRecord end, MemallocStatus status, MemallocPrinted printed) {
            String asked = printed.durationS() > 0 ? "memalloc's own duration_s=" + printed.durationS()
                    : status != null && status.durationS() > 0 ? "the harness asked for " + status.durationS() + " s" : "";
            String tail = asked.isEmpty() ? "" : " (" + asked + ")";
            if (end != null) {
                double s = Math.max(0, end.tsUsec() - begin.tsUsec()) / 1e6;
                return new Window(s, "in the " + Fmt.sig3(s) + " s between the markers" + tail);
            }
            if (status != null && status.ranS() > 0) {
                return new Window(status.ranS(), "in the " + Fmt.sig3(status.ranS()) + " s memalloc ran (no end marker)" + tail);
            }
            long s = status != null && status.durationS() > 0 ? status.durationS() : 120;
            return new Window(s, "in " + s + " s (no end marker, no run time)" + tail);
        }
    }

    /** The window's lines, held in memory. */
    public static Result judge(MarkedWindows.Window w, MemallocStatus status, String memallocOut) {
        return judge(w.begin(), w.end(), MarkedWindows.walk(w), status, memallocOut, "");
    }

    /**
     * The window's lines walked twice, never held: once to count the forms, once to build the heatmap of the form
     * that reads the most lines.
     *
     * @param end      the end marker, or null
     * @param outNote  what was left out of memallocOut, as a clause, or empty
     */
    public static Result judge(KmsgRecord begin, KmsgRecord end, MarkedWindows.Walk lines, MemallocStatus status,
            String memallocOut, String outNote) {
        MemallocPrinted printed = MemallocPrinted.of(memallocOut);
        Window time = Window.of(begin, end, status, printed);
        AccessParams p = new AccessParams(GIB, printed.hotEnd(), printed.warmStart(), printed.warmEnd(),
                Math.max(1, (long) Math.ceil(time.seconds())), 100, 1000, "unknown");
        String program = program(status, memallocOut) + outNote;
        AccessTally tally = new AccessTally(begin.tsUsec());
        lines.each(tally::add);
        String excerpt = tally.excerpt();
        String perSecond = tally.perSecond(end == null ? -1 : end.tsUsec());
        if (tally.lines() == 0) {
            return new Result(OracleResult.fail(NAME, "nothing logged between the access markers" + program), null, p, null, "",
                    excerpt, perSecond);
        }
        AccessForms.Form form = tally.form();
        int read = tally.read(form);
        if (form == null || read < MIN_SHARE * tally.lines()) {
            return new Result(OracleResult.needsReview(NAME, Fmt.f("%d line(s) between the markers, %d in a known form%s;"
                    + " lines per second: %s; a person must read them (excerpt in the report)", tally.lines(), read,
                    form == null ? "" : " (" + form.label() + ")", perSecond) + program), null, p, form, "", excerpt, perSecond);
        }
        long base = 0;
        String baseNote = "";
        long origin = tally.origin(form);
        if (form == AccessForms.Form.VA || form == AccessForms.Form.VA_RANGE) {
            base = printed.base() >= 0 ? printed.base() : tally.lowest(form) & ~0xfffL;
            baseNote = printed.base() >= 0 ? printed.baseNote()
                    : "buffer start " + Fmt.hex(base) + " taken as the lowest VA logged (memalloc printed no address)";
        } else if (form == AccessForms.Form.RUN_LENGTH && origin != 0) {
            base = printed.base() >= 0 ? printed.base() : origin;
            baseNote = "page 0 at the module's addr=" + Fmt.hex(origin) + "; " + (printed.base() >= 0 ? printed.baseNote()
                    : "taken as the buffer start (memalloc printed no address)");
        }
        StudentHeatmap builder = new StudentHeatmap(form, base, begin.tsUsec(), p);
        lines.each(l -> AccessForms.read(l.text(), form).forEach(hit -> builder.add(l.tsUsec(), hit)));
        Heatmap h = builder.build();
        return new Result(check(h, p, tally.counted(form), time, printed.regionNote(), baseNote, program), h, p, form, baseNote,
                excerpt, perSecond);
    }

    /** A first report later than this (or than 30% of the window) is not "a report every second". */
    static final double FIRST_REPORT_S = 10;

    static OracleResult check(Heatmap h, AccessParams p, String counted, Window time, String regionNote, String baseNote,
            String program) {
        Heatmap.Regions r = h.regions();
        double bar = FACTOR * r.cold();
        boolean heat = r.hot() > 0 && r.warm() > 0 && r.hot() >= bar && r.warm() >= bar;
        // reports count from the first one: a program first allocates and touches its buffer (seconds under TCG)
        double first = h.timesS().length == 0 ? time.seconds() : Math.max(0, h.timesS()[0] - 1);
        double span = Math.max(0, time.seconds() - first);
        boolean prompt = first <= Math.max(FIRST_REPORT_S, 0.3 * time.seconds());
        boolean cadence = prompt && h.complete() >= 0.8 * span - 1 && h.complete() <= 1.25 * span + 2;
        String detail = Fmt.f("%s; %d report(s) %s; mean per page (%s): hot [0, %s) %s, warm [%s, %s) %s, idle [%s, %s) %s",
                counted, h.complete(), time.how(), regionNote, Fmt.size(p.hotEnd()), Fmt.sig3(r.hot()), Fmt.size(p.warmStart()),
                Fmt.size(p.warmEnd()), Fmt.sig3(r.warm()), Fmt.size(p.warmEnd()), Fmt.size(p.size()), Fmt.sig3(r.cold()));
        if (!heat) {
            detail += Fmt.f("; hot and warm must each be above 0 and at least %sx idle", Fmt.sig3(FACTOR));
        }
        if (!cadence) {
            detail += Fmt.f("; not a report about every second (%d in the %s s from the first report, at %s s, to the end)",
                    h.complete(), Fmt.sig3(span), Fmt.sig3(first + 1));
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

    /** For the heatmap's rows: how the builder of the reference scanner sizes them. */
    static long rowPages() {
        return HeatmapBuilder.rowPages(GIB / 4096);
    }
}
