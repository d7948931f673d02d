package ptlab.parse;

/**
 * The {@code chunk 0x<va> <len>} lines of a memalloc.out: the address ranges the workload allocated,
 * in allocation order (VA order is not guaranteed: large callocs are mmaps placed top-down).
 */
public final class Chunks {
    private final long[] va;
    private final long[] len;

    public Chunks(long[] va, long[] len) {
        if (va.length != len.length) {
            throw new IllegalArgumentException("va and len differ in length");
        }
        this.va = va.clone();
        this.len = len.clone();
    }

    public int size() {
        return va.length;
    }

    public long va(int i) {
        return va[i];
    }

    public long len(int i) {
        return len[i];
    }

    public long totalBytes() {
        long t = 0;
        for (long l : len) {
            t += l;
        }
        return t;
    }

    /**
     * Start addresses of every 4 KiB page touched by some chunk, ascending, without duplicates
     * (small chunks share pages).
     */
    public long[] pages() {
        LongList out = new LongList();
        for (int i = 0; i < va.length; i++) {
            if (len[i] <= 0) {
                continue;
            }
            long first = va[i] & ~0xfffL;
            long last = (va[i] + len[i] - 1) & ~0xfffL;
            for (long p = first; p <= last; p += 4096) {
                out.add(p);
            }
        }
        long[] all = out.toArray();
        java.util.Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[n++] = all[i];
            }
        }
        return java.util.Arrays.copyOf(all, n);
    }
}
