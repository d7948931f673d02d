package ptlab.parse;

import java.util.Arrays;

/**
 * The rows of a pagemap CSV ({@code va,pa,pfn,present,swapped,exclusive,file_shared,soft_dirty,zero_page,thp,lat_ns}),
 * stored column-wise: half a million rows per file, three schemes, two reads each.
 */
public final class PagemapTable {
    public static final int PRESENT = 1;
    public static final int SWAPPED = 1 << 1;
    public static final int EXCLUSIVE = 1 << 2;
    public static final int FILE_SHARED = 1 << 3;
    public static final int SOFT_DIRTY = 1 << 4;
    public static final int ZERO_PAGE = 1 << 5;
    public static final int THP = 1 << 6;

    private final long[] va;
    private final long[] pa;
    private final long[] pfn;
    private final byte[] flags;
    private final long[] latNs;

    public PagemapTable(long[] va, long[] pa, long[] pfn, byte[] flags, long[] latNs) {
        int n = va.length;
        if (pa.length != n || pfn.length != n || flags.length != n || latNs.length != n) {
            throw new IllegalArgumentException("columns differ in length");
        }
        this.va = va;
        this.pa = pa;
        this.pfn = pfn;
        this.flags = flags;
        this.latNs = latNs;
    }

    public int size() {
        return va.length;
    }

    public long va(int i) {
        return va[i];
    }

    public long pa(int i) {
        return pa[i];
    }

    public long pfn(int i) {
        return pfn[i];
    }

    public boolean has(int i, int flag) {
        return (flags[i] & flag) != 0;
    }

    public long latNs(int i) {
        return latNs[i];
    }

    /** A copy of the VA column. */
    public long[] vas() {
        return va.clone();
    }

    /** A copy of the latency column. */
    public long[] latencies() {
        return latNs.clone();
    }

    /** The rows ordered by VA (stable for equal VAs). */
    public PagemapTable sortedByVa() {
        int n = va.length;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = Long.compareUnsigned(va[i - 1], va[i]) <= 0;
        }
        if (sorted) {
            return this;
        }
        if (n > 0xffffff) {
            throw new IllegalStateException("more than 16M pagemap rows; not supported");
        }
        // page number in the high bits, row index in the low 24: one primitive sort, no boxing
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((va[i] >>> 12) << 24) | i;
        }
        Arrays.sort(keys);
        long[] v = new long[n];
        long[] p = new long[n];
        long[] f = new long[n];
        byte[] fl = new byte[n];
        long[] l = new long[n];
        for (int k = 0; k < n; k++) {
            int i = (int) (keys[k] & 0xffffff);
            v[k] = va[i];
            p[k] = pa[i];
            f[k] = pfn[i];
            fl[k] = flags[i];
            l[k] = latNs[i];
        }
        return new PagemapTable(v, p, f, fl, l);
    }

    /** Row index of the page containing {@code addr}, in a table sorted by VA; -1 when absent. */
    public int indexOfPage(long addr) {
        long page = addr & ~0xfffL;
        int lo = 0;
        int hi = va.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = va[mid] & ~0xfffL;
            if (v < page) {
                lo = mid + 1;
            } else if (v > page) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
