package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BatchMeansTest {
    @Test
    void oneMeanPerRunOfConsecutivePagesWithOneLatency() {
        long b = 0x7f0000000000L;
        long[] va = {b, b + 0x1000, b + 0x2000, b + 0x3000, b + 0x10000, b + 0x11000};
        long[] lat = {7, 7, 7, 9, 9, 9};
        // a change of latency ends a batch, and so does a gap in the VAs (a new span)
        assertArrayEquals(new long[] {7, 9, 9}, BatchMeans.of(va, lat));
        assertArrayEquals(new long[0], BatchMeans.of(new long[0], new long[0]));
    }

    @Test
    void aBatchIsAtMostTheToolsBatchSize() {
        int n = BatchMeans.MAX_ENTRIES + 10;
        long[] va = new long[n];
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            va[i] = 0x400000L + 4096L * i;
            lat[i] = 3;
        }
        assertArrayEquals(new long[] {3, 3}, BatchMeans.of(va, lat));
    }
}
