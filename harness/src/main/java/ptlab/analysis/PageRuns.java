package ptlab.analysis;

import java.util.Arrays;
import ptlab.parse.LongList;
import ptlab.parse.PagemapTable;

/**
 * Maximal runs of pages that are consecutive in both VA and PFN, over a VA-sorted pagemap table.
 * Only present pages with a visible PFN form runs.
 */
public final class PageRuns {
    private final long[] startVa;
    private final long[] startPfn;
    private final long[] length;

    private PageRuns(long[] startVa, long[] startPfn, long[] length) {
        this.startVa = startVa;
        this.startPfn = startPfn;
        this.length = length;
    }

    public static PageRuns of(PagemapTable t) {
        LongList va = new LongList();
        LongList pfn = new LongList();
        LongList len = new LongList();
        long curVa = 0;
        long curPfn = 0;
        long curLen = 0;
        for (int i = 0; i < t.size(); i++) {
            boolean usable = t.has(i, PagemapTable.PRESENT) && t.pfn(i) != 0;
            if (!usable) {
                if (curLen > 0) {
                    va.add(curVa);
                    pfn.add(curPfn);
                    len.add(curLen);
                    curLen = 0;
                }
                continue;
            }
            long v = t.va(i) & ~0xfffL;
            if (curLen > 0 && v == curVa + curLen * 4096 && t.pfn(i) == curPfn + curLen) {
                curLen++;
                continue;
            }
            if (curLen > 0) {
                va.add(curVa);
                pfn.add(curPfn);
                len.add(curLen);
            }
            curVa = v;
            curPfn = t.pfn(i);
            curLen = 1;
        }
        if (curLen > 0) {
            va.add(curVa);
            pfn.add(curPfn);
            len.add(curLen);
        }
        return new PageRuns(va.toArray(), pfn.toArray(), len.toArray());
    }

    public int count() {
        return length.length;
    }

    public long startVa(int i) {
        return startVa[i];
    }

    public long startPfn(int i) {
        return startPfn[i];
    }

    public long length(int i) {
        return length[i];
    }

    public long largest() {
        long m = 0;
        for (long l : length) {
            m = Math.max(m, l);
        }
        return m;
    }

    public long totalPages() {
        long t = 0;
        for (long l : length) {
            t += l;
        }
        return t;
    }

    /** Run lengths ascending. */
    public long[] sortedLengths() {
        long[] s = length.clone();
        Arrays.sort(s);
        return s;
    }
}
