package ptlab.analysis;

import ptlab.parse.LongList;

/**
 * The per-batch means of a batched pagemap read. pagemap gives every entry of one pread the batch's
 * time divided by its entries, so a batch shows as a run of consecutive pages with one latency; each
 * such run (at most {@link #MAX_ENTRIES} pages, the tool's batch) is one measurement. Two adjacent
 * batches that took exactly the same time per entry count as one: they would plot at the same x.
 */
public final class BatchMeans {
    /** BATCH_ENTRIES of workloads/pagemap.c. */
    public static final int MAX_ENTRIES = 65536;

    private BatchMeans() {
    }

    /** @param va  page addresses in increasing order; @param latNs  the latency of each page's entry */
    public static long[] of(long[] va, long[] latNs) {
        LongList out = new LongList();
        int start = 0;
        for (int i = 1; i <= va.length; i++) {
            boolean ends = i == va.length || latNs[i] != latNs[start] || va[i] != va[i - 1] + 4096 || i - start >= MAX_ENTRIES;
            if (ends) {
                out.add(latNs[start]);
                start = i;
            }
        }
        return out.toArray();
    }
}
