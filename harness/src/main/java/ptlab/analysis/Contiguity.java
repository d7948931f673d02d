package ptlab.analysis;

import ptlab.parse.PagemapTable;

/**
 * How a buffer's pages lie in physical memory.
 *
 * @param pages            rows of the pagemap table
 * @param present          present pages
 * @param pfnHidden        present pages whose PFN reads as 0 (pagemap read without CAP_SYS_ADMIN)
 * @param zeroPage         pages mapped to the shared zero page (read but never written)
 * @param thp              present pages inside a transparent huge page
 * @param vaSegments       maximal runs of VA-consecutive pages (1 for one contiguous buffer)
 * @param vaPairs          pairs of VA-consecutive pages
 * @param physPairs        of those, pairs whose PFNs are consecutive too
 * @param runs             maximal runs consecutive in both VA and PFN
 * @param largestRun       pages in the largest such run
 * @param minPa            lowest physical address of a present page (-1 when none)
 * @param maxPa            highest physical address of a present page
 */
public record Contiguity(long pages, long present, long pfnHidden, long zeroPage, long thp, long vaSegments,
        long vaPairs, long physPairs, long runs, long largestRun, long minPa, long maxPa) {

    /** Analyses a VA-sorted table with its runs. */
    public static Contiguity of(PagemapTable t, PageRuns runs) {
        long present = 0;
        long hidden = 0;
        long zero = 0;
        long thp = 0;
        long segments = 0;
        long vaPairs = 0;
        long physPairs = 0;
        long minPa = -1;
        long maxPa = -1;
        for (int i = 0; i < t.size(); i++) {
            boolean p = t.has(i, PagemapTable.PRESENT);
            if (p) {
                present++;
                if (t.pfn(i) == 0) {
                    hidden++;
                } else {
                    long pa = t.pfn(i) << 12;
                    minPa = minPa < 0 ? pa : Math.min(minPa, pa);
                    maxPa = Math.max(maxPa, pa);
                }
                if (t.has(i, PagemapTable.THP)) {
                    thp++;
                }
            }
            if (t.has(i, PagemapTable.ZERO_PAGE)) {
                zero++;
            }
            boolean vaNext = i > 0 && (t.va(i) & ~0xfffL) == (t.va(i - 1) & ~0xfffL) + 4096;
            if (!vaNext) {
                segments++;
                continue;
            }
            vaPairs++;
            if (p && t.has(i - 1, PagemapTable.PRESENT) && t.pfn(i) != 0 && t.pfn(i) == t.pfn(i - 1) + 1) {
                physPairs++;
            }
        }
        return new Contiguity(t.size(), present, hidden, zero, thp, segments, vaPairs, physPairs, runs.count(),
                runs.largest(), minPa, maxPa);
    }

    /** Fraction of VA-consecutive page pairs whose PFNs are consecutive too. */
    public double contiguousFraction() {
        return vaPairs == 0 ? 0 : (double) physPairs / vaPairs;
    }

    /** Fraction of present pages inside transparent huge pages. */
    public double hugeFraction() {
        return present == 0 ? 0 : (double) thp / present;
    }
}
