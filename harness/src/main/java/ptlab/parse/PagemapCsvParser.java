package ptlab.parse;

import java.nio.file.Path;

/**
 * Streams a pagemap CSV into a {@link PagemapTable}. Columns are found by header name, so their order
 * may change and extra columns are ignored; all eleven must be there.
 */
public final class PagemapCsvParser {
    static final String[] COLUMNS = {
        "va", "pa", "pfn", "present", "swapped", "exclusive", "file_shared", "soft_dirty", "zero_page", "thp", "lat_ns",
    };
    private static final int[] FLAG_BITS = {
        PagemapTable.PRESENT, PagemapTable.SWAPPED, PagemapTable.EXCLUSIVE, PagemapTable.FILE_SHARED,
        PagemapTable.SOFT_DIRTY, PagemapTable.ZERO_PAGE, PagemapTable.THP,
    };

    private PagemapCsvParser() {
    }

    public static PagemapTable parse(Path file) {
        try (LineReader in = LineReader.open(file)) {
            CsvHeader h = CsvHeader.read(in, COLUMNS);
            LongList va = new LongList();
            LongList pa = new LongList();
            LongList pfn = new LongList();
            LongList lat = new LongList();
            java.io.ByteArrayOutputStream flags = new java.io.ByteArrayOutputStream();
            int[] starts = new int[h.width()];
            int[] ends = new int[h.width()];
            String s;
            while ((s = in.next()) != null) {
                if (s.isEmpty()) {
                    continue;
                }
                CsvHeader.split(in, s, starts, ends);
                int col = 0;
                try {
                    col = h.index(0);
                    va.add(Num.hex(s, starts[col], ends[col]));
                    col = h.index(1);
                    pa.add(Num.hex(s, starts[col], ends[col]));
                    col = h.index(2);
                    pfn.add(Num.hex(s, starts[col], ends[col]));
                    int f = 0;
                    for (int k = 0; k < FLAG_BITS.length; k++) {
                        col = h.index(3 + k);
                        if (Num.flag(s, starts[col], ends[col])) {
                            f |= FLAG_BITS[k];
                        }
                    }
                    flags.write(f);
                    col = h.index(10);
                    lat.add(Num.dec(s, starts[col], ends[col]));
                } catch (NumberFormatException e) {
                    throw in.error(h.name(col), e.getMessage());
                }
            }
            return new PagemapTable(va.toArray(), pa.toArray(), pfn.toArray(), flags.toByteArray(), lat.toArray());
        }
    }
}
