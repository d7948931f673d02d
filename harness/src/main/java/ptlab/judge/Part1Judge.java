package ptlab.judge;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;
import ptlab.parse.LongList;

/**
 * Part 1 of a submission: the VA->PA pairs the student's programs printed or wrote, each checked against
 * what the harness's own pagemap read of the same process while it lived. A pair is EXACT (the page's PA
 * plus the VA's offset), PAGE (the PA without the offset), PFN (the frame number), NOT_PRESENT (both say
 * the page is absent), ZERO (a PA of 0 for a present page), WRONG, or NO_TRUTH (a page the harness did not
 * read: not judged). Output in no form a reader knows needs review, with the lines: never a silent verdict.
 */
public final class Part1Judge {
    public static final String NAME = "Part 1: VA->PA log == pagemap of the same process";
    /** The share of judged pairs that must be EXACT or NOT_PRESENT. */
    static final double PASS_SHARE = 0.99;
    static final int EVIDENCE = 8;

    public enum Cls {
        EXACT, PAGE, PFN, NOT_PRESENT, ZERO, WRONG, NO_TRUTH
    }

    /** One output of the student's read: where, in which form, how many pairs. */
    public record Source(String run, String name, String form, long pairs) {
    }

    /**
     * @param latNs     every latency the student gave with a time unit (or in a latency column with one), in ns
     * @param cycles    how many latencies were given in cycles (not drawn)
     * @param evidence  the first pairs not EXACT, each with the student's line
     */
    public record Result(OracleResult oracle, Map<Cls, Long> counts, long[] latNs, long cycles, List<String> evidence,
            List<Source> sources) {
        public long pairs() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final String user;
    private final Map<Cls, Long> counts = new EnumMap<>(Cls.class);
    private final LongList lat = new LongList();
    private final List<String> evidence = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private long cycles;

    /** @param user whom the student's programs ran as ({@code root} as with sudo); PAs of 0 are explained by it */
    public Part1Judge(String user) {
        this.user = user;
        for (Cls c : Cls.values()) {
            counts.put(c, 0L);
        }
    }

    /** Reads one output ({@code source}, e.g. {@code run-1/pm-1/va2pa.log}) of a run whose truth is {@code truth}. */
    public void read(String run, Part1Truth truth, String source, Iterator<String> lines) {
        long[] n = {0};
        String form = Part1Reader.read(lines, truth, new Part1Reader.Sink() {
            @Override
            public void pair(Part1Reader.Pair p) {
                n[0]++;
                judge(truth, p, source);
            }

            @Override
            public void latency(double ns) {
                lat.add(Math.round(ns));
            }
        });
        sources.add(new Source(run, source, form, n[0]));
    }

    private void judge(Part1Truth truth, Part1Reader.Pair p, String source) {
        if (!Double.isNaN(p.latNs())) {
            lat.add(Math.round(p.latNs()));
        }
        cycles += p.cycles() ? 1 : 0;
        Part1Truth.Page page = truth.page(p.va());
        Cls c = classify(page, p);
        counts.merge(c, 1L, Long::sum);
        if (c != Cls.EXACT && c != Cls.NOT_PRESENT && c != Cls.NO_TRUTH && evidence.size() < EVIDENCE) {
            String want = page.present() ? Fmt.hex(page.pas()[0] | (p.va() & (Part1Truth.PAGE - 1))) : "not present";
            evidence.add(Fmt.f("%s VA %s: truth %s, logged %s%s%s (%s:%d: %s)", c, Fmt.hex(p.va()), want, p.pfn() ? "PFN " : "",
                    Fmt.hex(p.pa()), c == Cls.ZERO ? ": " + zeroWhy() : "", source, p.line(), Lines.cut(p.text().strip())));
        }
    }

    static Cls classify(Part1Truth.Page page, Part1Reader.Pair p) {
        if (!page.known()) {
            return Cls.NO_TRUTH;
        }
        if (!page.present()) {
            return p.pa() == 0 ? Cls.NOT_PRESENT : Cls.WRONG;
        }
        long off = p.va() & (Part1Truth.PAGE - 1);
        Cls best = Cls.WRONG;
        for (long pa : page.pas()) {
            Cls c = p.pfn() ? (p.pa() == pa / Part1Truth.PAGE ? Cls.PFN : Cls.WRONG)
                    : p.pa() == (pa | off) ? Cls.EXACT : p.pa() == pa ? Cls.PAGE : p.pa() == pa / Part1Truth.PAGE ? Cls.PFN
                    : p.pa() == 0 ? Cls.ZERO : Cls.WRONG;
            best = c.ordinal() < best.ordinal() ? c : best;
        }
        return best;
    }

    private String zeroWhy() {
        return "root".equals(user) ? "PA 0 for a present page although the program ran as root (not the kernel hiding PFNs)"
                : "a read of pagemap without CAP_SYS_ADMIN gives PFN 0 (the program ran as " + user + ", not root)";
    }

    /** @param excerpt the student's first lines, quoted when nothing could be read */
    public Result result(String excerpt) {
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        long judged = all - counts.get(Cls.NO_TRUTH);
        long right = counts.get(Cls.EXACT) + counts.get(Cls.NOT_PRESENT);
        StringBuilder d = new StringBuilder(Fmt.f("%s pair(s) read from %d output(s) of %d run(s), %s judged:", Fmt.count(all),
                sources.stream().filter(s -> s.pairs() > 0).count(), sources.stream().map(Source::run).distinct().count(),
                Fmt.count(judged)));
        for (Cls c : Cls.values()) {
            d.append(' ').append(c.name()).append(' ').append(Fmt.count(counts.get(c))).append(c == Cls.NO_TRUTH ? "" : ",");
        }
        if (judged > 0) {
            d.append(Fmt.f(" (%s right)", Fmt.pct((double) right / judged)));
        }
        if (counts.get(Cls.ZERO) > 0) {
            d.append("; PA 0 for present pages: ").append(zeroWhy());
        }
        d.append(lat.size() > 0 ? "; " + Fmt.count(lat.size()) + " latencies with a time unit" : "; no latency with a time unit");
        OracleResult o;
        if (all == 0) {
            o = OracleResult.needsReview(NAME, "no VA->PA pair recognised in the student's output (" + sources.size()
                    + " file(s)); first lines: " + excerpt.lines().limit(3).map(Lines::cut).reduce((a, b) -> a + " / " + b).orElse("none"));
        } else if (judged == 0) {
            o = OracleResult.needsReview(NAME, d + "; none of the VAs they logged is a page the harness read (the process never"
                    + " paused while it held its memory, or they translated another process)");
        } else if (counts.get(Cls.EXACT) == 0 && counts.get(Cls.NOT_PRESENT) == judged) {
            o = OracleResult.fail(NAME, d + "; every page they logged was absent: memalloc never wrote its buffer (calloc does"
                    + " not back memory), so no PA was checked");
        } else {
            o = OracleResult.of(NAME, counts.get(Cls.EXACT) > 0 && right >= PASS_SHARE * judged, d.toString())
                    .withShare((double) right / judged);
        }
        return new Result(o, Map.copyOf(counts), lat.toArray(), cycles, List.copyOf(evidence), List.copyOf(sources));
    }
}
