package ptlab.parse;

import java.nio.file.Path;

/**
 * raw/xlate/write-lat.csv of memalloc --write-lat: one row per timed write() to /proc/lkp25p3,
 * {@code va,vas,lat_ns}: the first VA of the write, how many VAs it carried and its time in ns.
 */
public final class WriteLatCsvParser {
    static final String[] COLUMNS = {"va", "vas", "lat_ns"};

    /** The writes, in the order they were made. */
    public record Writes(long[] va, long[] vas, long[] latNs) {
        /** The times of the writes that carried exactly one VA. */
        public long[] singleVa() {
            LongList out = new LongList();
            for (int i = 0; i < va.length; i++) {
                if (vas[i] == 1) {
                    out.add(latNs[i]);
                }
            }
            return out.toArray();
        }

        /** The most VAs any write carried (0 when there are none). */
        public long maxVas() {
            long m = 0;
            for (long v : vas) {
                m = Math.max(m, v);
            }
            return m;
        }
    }

    private WriteLatCsvParser() {
    }

    public static Writes parse(Path file) {
        try (LineReader in = LineReader.open(file)) {
            LongList[] cols = {new LongList(), new LongList(), new LongList()};
            CsvHeader.rows(in, COLUMNS, String::isEmpty, row -> {
                for (int k = 0; k < COLUMNS.length; k++) {
                    long v = row.any(k);
                    if (k == 1 && v < 1) {
                        throw row.error(k, "a write carries at least one VA, got " + v);
                    }
                    cols[k].add(v);
                }
            });
            return new Writes(cols[0].toArray(), cols[1].toArray(), cols[2].toArray());
        }
    }
}
