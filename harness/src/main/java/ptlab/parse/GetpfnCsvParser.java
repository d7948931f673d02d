package ptlab.parse;

import java.nio.file.Path;

/** Streams getpfn.csv into a {@link GetpfnTable}; numbers may be decimal or 0x-hex. */
public final class GetpfnCsvParser {
    static final String[] COLUMNS = {"vpn", "va", "pfn", "flags", "errno"};

    private GetpfnCsvParser() {
    }

    public static GetpfnTable parse(Path file) {
        try (LineReader in = LineReader.open(file)) {
            LongList[] cols = {new LongList(), new LongList(), new LongList(), new LongList(), new LongList()};
            CsvHeader.rows(in, COLUMNS, String::isEmpty, row -> {
                for (int k = 0; k < COLUMNS.length; k++) {
                    cols[k].add(row.any(k));
                }
            });
            return new GetpfnTable(cols[0].toArray(), cols[1].toArray(), cols[2].toArray(), cols[3].toArray(),
                    cols[4].toArray());
        }
    }
}
