package ptlab.parse;

import java.nio.file.Path;

/** Streams getpfn.csv into a {@link GetpfnTable}; numbers may be decimal or 0x-hex. */
public final class GetpfnCsvParser {
    static final String[] COLUMNS = {"vpn", "va", "pfn", "flags", "errno"};

    private GetpfnCsvParser() {
    }

    public static GetpfnTable parse(Path file) {
        try (LineReader in = LineReader.open(file)) {
            CsvHeader h = CsvHeader.read(in, COLUMNS);
            LongList[] cols = {new LongList(), new LongList(), new LongList(), new LongList(), new LongList()};
            int[] starts = new int[h.width()];
            int[] ends = new int[h.width()];
            String s;
            while ((s = in.next()) != null) {
                if (s.isEmpty()) {
                    continue;
                }
                CsvHeader.split(in, s, starts, ends);
                for (int k = 0; k < COLUMNS.length; k++) {
                    int col = h.index(k);
                    try {
                        cols[k].add(Num.any(s, starts[col], ends[col]));
                    } catch (NumberFormatException e) {
                        throw in.error(COLUMNS[k], e.getMessage());
                    }
                }
            }
            return new GetpfnTable(cols[0].toArray(), cols[1].toArray(), cols[2].toArray(), cols[3].toArray(),
                    cols[4].toArray());
        }
    }
}
