package ptlab.judge;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;
import ptlab.parse.LongList;
import ptlab.parse.MarkedWindows;
import ptlab.parse.TruthCsvParser;

/**
 * Part 2.2 of a submission: for each VA the harness wrote to /proc/lkp25p3, do the student's lines between
 * the harness's markers hold its physical address? Each VA is classed by the best number on its lines.
 */
public final class TranslateJudge {
    public static final String NAME = "2.2 translate: PA logged for each VA written";
    /** The share of judged VAs that must be EXACT. */
    static final double PASS_SHARE = 0.99;
    /** Numbers below this are indexes, levels and sizes, never a PA worth calling wrong. */
    static final long SMALL = 4096;
    static final int EVIDENCE = 5;

    private TranslateJudge() {
    }

    /** How a VA's lines answered; NO_TRUTH when the harness saw no page there (not judged). */
    public enum Cls {
        EXACT, PAGE, PFN, WRONG, NOTHING, NO_TRUTH
    }

    /**
     * One VA written and the student's answer.
     *
     * @param latNs   the student's latency for it in ns, NaN when none was recognised
     * @param cycles  the student's latency in cycles, NaN when none
     */
    public record Answer(TruthCsvParser.Row truth, Cls cls, List<MarkedWindows.Line> lines, double latNs, double cycles) {
    }

    /**
     * @param latNs    every recognised latency in ns, in VA order
     * @param cycles   every latency given in cycles
     * @param evidence the first mismatches, each with the student's own lines
     */
    public record Result(List<Answer> answers, Map<Cls, Integer> all, Map<Cls, Integer> huge, long[] latNs, long[] cycles,
            OracleResult oracle, List<String> evidence) {
    }

    public static Result judge(List<TruthCsvParser.Row> truth, List<MarkedWindows.Window> windows) {
        Map<String, MarkedWindows.Window> byIndex = new HashMap<>();
        for (MarkedWindows.Window w : windows) {
            byIndex.putIfAbsent(w.beginValue("i"), w);
        }
        List<Answer> answers = new ArrayList<>();
        Map<Cls, Integer> all = counts();
        Map<Cls, Integer> huge = counts();
        LongList lat = new LongList();
        LongList cyc = new LongList();
        List<String> evidence = new ArrayList<>();
        int noMarker = 0;
        int errors = 0;
        int errorsExact = 0;
        for (TruthCsvParser.Row t : truth) {
            MarkedWindows.Window w = byIndex.get(Long.toString(t.i()));
            noMarker += w == null ? 1 : 0;
            List<MarkedWindows.Line> lines = w == null ? List.of() : w.lines();
            Answer a = answer(t, lines);
            answers.add(a);
            all.merge(a.cls(), 1, Integer::sum);
            if (t.huge()) {
                huge.merge(a.cls(), 1, Integer::sum);
            }
            if (t.errno() != 0) {
                errors++;
                errorsExact += a.cls() == Cls.EXACT ? 1 : 0;
            }
            if (!Double.isNaN(a.latNs())) {
                lat.add(Math.round(a.latNs()));
            } else if (!Double.isNaN(a.cycles())) {
                cyc.add(Math.round(a.cycles()));
            }
            if (a.cls() != Cls.EXACT && a.cls() != Cls.NO_TRUTH && evidence.size() < EVIDENCE) {
                evidence.add(evidence(a));
            }
        }
        int judged = truth.size() - all.get(Cls.NO_TRUTH);
        double share = judged == 0 ? 0 : (double) all.get(Cls.EXACT) / judged;
        int hugeJudged = huge.values().stream().mapToInt(Integer::intValue).sum() - huge.get(Cls.NO_TRUTH);
        StringBuilder d = new StringBuilder(Fmt.f("%d VAs written, %d judged: %s (%s exact)", truth.size(), judged,
                counts(all), Fmt.pct(share)));
        if (hugeJudged > 0) {
            Map<Cls, Integer> small = counts();
            all.forEach((c, n) -> small.put(c, n - huge.get(c)));
            d.append(Fmt.f("; THP-backed (huge=1) %d: %s; 4 KiB pages %d: %s", hugeJudged, counts(huge), judged - hugeJudged,
                    counts(small)));
            d.append(thpHint(small, huge, judged - hugeJudged, hugeJudged));
        }
        d.append(hint(all, judged));
        if (errors > 0) {
            d.append(Fmt.f("; %d write(s) returned an error, %d of them logged the exact PA anyway (counted)", errors, errorsExact));
        }
        if (all.get(Cls.NO_TRUTH) > 0) {
            d.append(Fmt.f("; %d VA(s) without a page when the harness looked (not judged)", all.get(Cls.NO_TRUTH)));
        }
        if (noMarker > 0) {
            d.append(Fmt.f("; %d VA(s) without the harness's markers in kmsg", noMarker));
        }
        OracleResult oracle = OracleResult.of(NAME, judged > 0 && share >= PASS_SHARE, d.toString()).withShare(share);
        return new Result(answers, all, huge, lat.toArray(), cyc.toArray(), oracle, evidence);
    }

    static Answer answer(TruthCsvParser.Row t, List<MarkedWindows.Line> lines) {
        double latNs = Double.NaN;
        double cycles = Double.NaN;
        boolean exact = false;
        boolean page = false;
        boolean pfn = false;
        for (MarkedWindows.Line l : lines) {
            for (LooseNumber n : LooseNumber.scan(l.text())) {
                if (n.isTime() && Double.isNaN(latNs)) {
                    latNs = n.ns();
                } else if (n.isCycles() && Double.isNaN(cycles)) {
                    cycles = n.amount();
                }
                if (n.hasUnit()) {
                    continue;
                }
                for (long v : n.values()) {
                    exact |= v == t.pa();
                    page |= v == (t.pa() & ~0xfffL);
                    pfn |= v == t.pa() >>> 12;
                }
            }
        }
        Cls c;
        if (!t.hasPage()) {
            c = Cls.NO_TRUTH;
        } else if (exact) {
            c = Cls.EXACT;
        } else if (page) {
            c = Cls.PAGE;
        } else if (pfn) {
            c = Cls.PFN;
        } else {
            c = lines.isEmpty() ? Cls.NOTHING : Cls.WRONG;
        }
        return new Answer(t, c, lines, latNs, cycles);
    }

    /** The numbers a WRONG answer offered: not the VA, not the index, not small, not a time. */
    static List<String> offered(TruthCsvParser.Row t, List<MarkedWindows.Line> lines) {
        List<String> out = new ArrayList<>();
        for (MarkedWindows.Line l : lines) {
            for (LooseNumber n : LooseNumber.scan(l.text())) {
                boolean keep = !n.hasUnit();
                for (long v : n.values()) {
                    keep &= v != t.va() && v != (t.va() & ~0xfffL) && v != t.i() && Long.compareUnsigned(v, SMALL) >= 0;
                }
                if (keep && n.values().length > 0) {
                    out.add(n.text());
                }
            }
        }
        return out;
    }

    private static String evidence(Answer a) {
        TruthCsvParser.Row t = a.truth();
        StringBuilder s = new StringBuilder(Fmt.f("i=%d VA %s, true PA %s%s%s: %s", t.i(), Fmt.hex(t.va()), Fmt.hex(t.pa()),
                t.huge() ? " (THP)" : "", t.errno() != 0 ? " (write errno " + t.errno() + ")" : "", a.cls()));
        if (a.cls() == Cls.WRONG) {
            List<String> nums = offered(t, a.lines());
            s.append(nums.isEmpty() ? " (no PA-like number)" : " (numbers offered: " + String.join(", ", nums.subList(0,
                    Math.min(4, nums.size()))) + ")");
        }
        if (a.lines().isEmpty()) {
            s.append("; no line between the markers");
        }
        for (MarkedWindows.Line l : a.lines().subList(0, Math.min(3, a.lines().size()))) {
            s.append("\n    kmsg.txt:").append(l.kmsgLine()).append(": ").append(Lines.cut(l.text()));
        }
        return s.toString();
    }

    private static String thpHint(Map<Cls, Integer> small, Map<Cls, Integer> huge, int smallN, int hugeN) {
        boolean smallOk = smallN > 0 && small.get(Cls.EXACT) >= PASS_SHARE * smallN;
        boolean hugeOk = huge.get(Cls.EXACT) >= PASS_SHARE * hugeN;
        return smallOk && !hugeOk ? " (wrong on THP-backed pages: exact on 4 KiB pages only)" : "";
    }

    private static String hint(Map<Cls, Integer> all, int judged) {
        if (judged == 0) {
            return "; no VA could be judged";
        }
        if (all.get(Cls.PAGE) * 2 > judged) {
            return "; most lines give the page's PA without the offset in the page";
        }
        if (all.get(Cls.PFN) * 2 > judged) {
            return "; most lines give the PFN, not the PA";
        }
        if (all.get(Cls.NOTHING) == judged) {
            return "; nothing was logged for any VA";
        }
        return "";
    }

    private static Map<Cls, Integer> counts() {
        Map<Cls, Integer> m = new EnumMap<>(Cls.class);
        for (Cls c : Cls.values()) {
            m.put(c, 0);
        }
        return m;
    }

    /** {@code EXACT 510, PAGE 0, PFN 0, WRONG 2, NOTHING 0}. */
    static String counts(Map<Cls, Integer> m) {
        List<String> parts = new ArrayList<>();
        for (Cls c : List.of(Cls.EXACT, Cls.PAGE, Cls.PFN, Cls.WRONG, Cls.NOTHING)) {
            parts.add(c + " " + m.get(c));
        }
        return String.join(", ", parts);
    }
}
