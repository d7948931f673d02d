package ptlab.analysis;

import ptlab.parse.PagemapTable;

/** Test helper: pagemap tables built in code. */
public final class Tables2 {
    private Tables2() {
    }

    /** Present pages at {@code va[i]} with {@code pfn[i]}; thp marks every page when true. */
    public static PagemapTable table(long[] va, long[] pfn, boolean thp, long[] lat) {
        int n = va.length;
        long[] pa = new long[n];
        byte[] flags = new byte[n];
        for (int i = 0; i < n; i++) {
            pa[i] = pfn[i] << 12;
            flags[i] = (byte) (PagemapTable.PRESENT | (thp ? PagemapTable.THP : 0));
        }
        return new PagemapTable(va.clone(), pa, pfn.clone(), flags, lat == null ? new long[n] : lat.clone());
    }

    public static long[] pages(long base, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = base + i * 4096L;
        }
        return v;
    }
}
