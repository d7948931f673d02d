package ptlab.judge;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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
 * markers, read in the first {@link AccessForms} form that fits most of them, as a heatmap over the 1 GiB
 * buffer; heat must be where the assignment's workload puts it (hot [0, 256 MiB) and warm [256, 512 MiB)
 * active, the rest idle) and a report must come about every second. Lines in no known form need review.
 */
public final class AccessJudge {
    public static final String NAME = "2.4 access bits: heat where the workload touched";
    static final long GIB = 1L << 30;
    /** The assignment's buffer and regions; the scanner samples every 100 ms and reports every second. */
    static final AccessParams REGIONS = new AccessParams(GIB, 256L << 20, 256L << 20, 512L << 20, 120, 100, 1000, "unknown");
    /** Hot and warm must each read at least this many times the idle rest. */
    static final double FACTOR = 4;
    /** Below this share of the lines in one form, the log needs a person. */
    static final double MIN_SHARE = 0.2;
    /** A pause this long between lines starts the next report. */
    static final long REPORT_GAP_US = 300_000;
    private static final Pattern BASE = Pattern.compile("0x[0-9a-fA-F]{8,16}");

    private AccessJudge() {
    }

    /**
     * @param heatmap   null when no form was recognised
     * @param form      the form read, or null
     * @param baseNote  where the buffer's start VA came from (VA forms), else empty
     */
    public record Result(OracleResult oracle, Heatmap heatmap, AccessParams params, AccessForms.Form form, String baseNote,
            String excerpt, String perSecond) {
    }

    public static Result judge(MarkedWindows.Window w, MemallocStatus status, String memallocOut) {
        long duration = status != null && status.durationS() > 0 ? status.durationS() : 120;
        AccessParams p = new AccessParams(GIB, REGIONS.hotEnd(), REGIONS.warmStart(), REGIONS.warmEnd(), duration, 100, 1000,
                "unknown");
        String program = program(status, memallocOut);
        List<MarkedWindows.Line> lines = w.lines();
        String excerpt = Lines.excerpt(lines, 12);
        String perSecond = perSecond(w);
        if (lines.isEmpty()) {
            return new Result(OracleResult.fail(NAME, "nothing logged between the access markers" + program), null, p, null, "",
                    excerpt, perSecond);
        }
        Map<AccessForms.Form, List<Timed>> byForm = new EnumMap<>(AccessForms.Form.class);
        for (MarkedWindows.Line l : lines) {
            AccessForms.Hit h = AccessForms.read(l.text());
            if (h != null) {
                byForm.computeIfAbsent(h.form(), f -> new ArrayList<>()).add(new Timed(l.tsUsec(), h));
            }
        }
        AccessForms.Form form = byForm.entrySet().stream().max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()))
                .map(Map.Entry::getKey).orElse(null);
        int read = form == null ? 0 : byForm.get(form).size();
        if (form == null || read < MIN_SHARE * lines.size()) {
            return new Result(OracleResult.needsReview(NAME, Fmt.f("%d line(s) between the markers, %d in a known form%s;"
                    + " lines per second: %s; a person must read them (excerpt in the report)", lines.size(), read,
                    form == null ? "" : " (" + form.label() + ")", perSecond) + program), null, p, form, "", excerpt, perSecond);
        }
        long base = 0;
        String baseNote = "";
        if (form == AccessForms.Form.VA || form == AccessForms.Form.VA_RANGE) {
            Matcher m = BASE.matcher(memallocOut);
            if (m.find()) {
                base = Long.parseUnsignedLong(m.group().substring(2), 16) & ~0xfffL;
                baseNote = "buffer start " + Fmt.hex(base) + " from the first address memalloc printed";
            } else {
                base = byForm.get(form).stream().mapToLong(t -> t.hit().from()).min().orElse(0) & ~0xfffL;
                baseNote = "buffer start " + Fmt.hex(base) + " taken as the lowest VA logged (memalloc printed no address)";
            }
        }
        Heatmap h = StudentHeatmap.build(byForm.get(form), form, base, w.begin().tsUsec(), p);
        return new Result(check(h, p, form, read, lines.size(), baseNote, program), h, p, form, baseNote, excerpt, perSecond);
    }

    /** One recognised line and when it was logged. */
    record Timed(long tsUsec, AccessForms.Hit hit) {
    }

    static OracleResult check(Heatmap h, AccessParams p, AccessForms.Form form, int read, int lines, String baseNote, String program) {
        Heatmap.Regions r = h.regions();
        double bar = FACTOR * r.cold();
        boolean heat = r.hot() > 0 && r.warm() > 0 && r.hot() >= bar && r.warm() >= bar;
        boolean cadence = h.complete() >= 0.8 * p.durationS() - 1 && h.complete() <= 1.25 * p.durationS() + 2;
        String detail = Fmt.f("%d of %d line(s) read as %s; %d report(s) for %d s; mean per page: hot [0, 256 MiB) %s, warm"
                + " [256, 512 MiB) %s, idle [512 MiB, 1 GiB) %s", read, lines, form.label(), h.complete(), p.durationS(),
                Fmt.sig3(r.hot()), Fmt.sig3(r.warm()), Fmt.sig3(r.cold()));
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
