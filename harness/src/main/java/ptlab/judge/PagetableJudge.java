package ptlab.judge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;
import ptlab.parse.MarkedWindows;
import ptlab.parse.PagemapTable;

/**
 * The pagetable assignment's Part A: a module loaded with the pid of a process the harness holds dumps that
 * process's VA->PA mappings to the kernel log, in any form. Each line's first number that falls in the
 * harness's buffer is a VA; the next address-like number is its PA (or PFN); a number labelled pages, count
 * or len after them makes the pair a run of that many pages. Every page of the buffer the dump speaks of is
 * checked against the harness's own pagemap of the same process, read before and after the load; the
 * dump must cover the buffer and be right about it. Mappings outside the buffer are not judged.
 */
public final class PagetableJudge {
    public static final String NAME = "pagetable A: VA->PA dump of a process == its pagemap";
    static final double PASS_SHARE = 0.99;
    private static final long PAGE = 4096;

    private PagetableJudge() {
    }

    /** The verdict, and the first wrong pages with the student's line. */
    public record Result(OracleResult oracle, long covered, long right, long pfnOnly, long wrong, long present,
            List<String> evidence) {
    }

    /**
     * @param before the harness's pagemap of the buffer before the load
     * @param after  the same after it; a page whose PA moved between them is judged against either
     */
    public static Result judge(PagemapTable before, PagemapTable after, List<MarkedWindows.Line> lines) {
        BufferTruth truth = new BufferTruth(before, after);
        long lo = truth.lo();
        long hi = truth.hi();
        Set<Long> right = new HashSet<>();
        Set<Long> seen = new HashSet<>();
        long pfnOnly = 0;
        long wrong = 0;
        List<String> evidence = new ArrayList<>();
        for (MarkedWindows.Line l : lines) {
            Run r = run(l.text(), lo, hi);
            if (r == null) {
                continue;
            }
            for (long k = 0; k < r.pages && r.va + k * PAGE < hi; k++) {
                long va = r.va + k * PAGE;
                Set<Long> want = truth.at(va);
                if (want == null) {
                    continue;
                }
                seen.add(va);
                long pa = r.pa + k * PAGE;
                if (want.contains(pa & -PAGE)) {
                    right.add(va);
                } else if (want.contains(r.pa * PAGE + k * PAGE)) {
                    pfnOnly++;
                } else {
                    wrong++;
                    if (evidence.size() < 5) {
                        evidence.add(Fmt.f("VA %s: true PA %s, logged %s in: %s", Fmt.hex(va), Fmt.hex(want.iterator().next()),
                                Fmt.hex(pa), l.text().strip()));
                    }
                }
            }
        }
        long present = truth.present();
        double share = present == 0 ? 0 : (double) right.size() / present;
        String detail = Fmt.f("%d of the buffer's %d present pages logged right (%s), %d logged as a PFN, %d wrong, %d not"
                + " logged; mappings outside the harness's buffer not judged", right.size(), present, Fmt.pct(share),
                pfnOnly, wrong, present - seen.size());
        boolean pass = present > 0 && share >= PASS_SHARE && wrong <= (1 - PASS_SHARE) * present;
        return new Result(OracleResult.of(NAME, pass, detail).withShare(share), seen.size(), right.size(), pfnOnly, wrong, present, evidence);
    }

    private record Run(long va, long pa, long pages) {
    }

    /** The line's pair: its first number inside [lo, hi) as the VA, the next big one as the PA, a count after. */
    static Run run(String line, long lo, long hi) {
        List<LooseNumber> nums = LooseNumber.scan(line);
        for (int i = 0; i < nums.size(); i++) {
            long va = inside(nums.get(i), lo, hi);
            if (va < 0) {
                continue;
            }
            for (int j = i + 1; j < nums.size(); j++) {
                LooseNumber n = nums.get(j);
                long pa = n.values()[n.values().length - 1];
                if (pa == 0 || n.isTime() || n.isCycles() || inside(n, lo, hi) >= 0) {
                    continue;
                }
                long pages = 1;
                for (int k = j + 1; k < nums.size(); k++) {
                    String label = nums.get(k).label();
                    if (label.matches(".*\\b(pages?|count|npages|len|n)\\s*[:=]?\\s*$")) {
                        pages = Math.max(1, nums.get(k).values()[0]);
                        break;
                    }
                }
                return new Run(va & -PAGE, pa, Math.min(pages, (hi - lo) / PAGE));
            }
            return null;
        }
        return null;
    }

    private static long inside(LooseNumber n, long lo, long hi) {
        for (long v : n.values()) {
            if (v >= lo && v < hi) {
                return v;
            }
        }
        return -1;
    }
}
