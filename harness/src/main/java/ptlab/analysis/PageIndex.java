package ptlab.analysis;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/** Row lookup by page address for tables in any order: one primitive sort, binary search after. */
public final class PageIndex {
    private final long[] keys;

    private PageIndex(long[] keys) {
        this.keys = keys;
    }

    /** Indexes rows {@code 0..n-1} by the page of {@code va.applyAsLong(row)}; the first row wins on duplicates. */
    public static PageIndex of(int n, IntToLongFunction va) {
        if (n > 0xffffff) {
            throw new IllegalStateException("more than 16M rows; not supported");
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((va.applyAsLong(i) >>> 12) << 24) | i;
        }
        Arrays.sort(keys);
        return new PageIndex(keys);
    }

    /** The row of the page containing {@code addr}, or -1. */
    public int row(long addr) {
        long page = addr >>> 12;
        int lo = 0;
        int hi = keys.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long p = keys[mid] >>> 24;
            if (p < page) {
                lo = mid + 1;
            } else if (p > page) {
                hi = mid - 1;
            } else {
                found = mid;
                hi = mid - 1;
            }
        }
        return found < 0 ? -1 : (int) (keys[found] & 0xffffff);
    }
}
