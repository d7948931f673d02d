package ptlab.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * raw/submission/translate/truth.csv: what the harness itself knew of each VA it wrote to a student's
 * /proc/lkp25p3, header {@code i,va,pa,huge,write_ns,errno}.
 */
public final class TruthCsvParser {
    static final String[] COLUMNS = {"i", "va", "pa", "huge", "write_ns", "errno"};

    /**
     * One VA written.
     *
     * @param pa       the exact physical address of va, offset in the page included; 0 when the harness saw no page
     * @param huge     the page is part of a transparent huge page
     * @param writeNs  the write(2) of this VA to /proc/lkp25p3, timed by the harness
     * @param errno    0, or the errno the write returned
     */
    public record Row(long i, long va, long pa, boolean huge, long writeNs, long errno) {
        public boolean hasPage() {
            return pa != 0;
        }
    }

    private TruthCsvParser() {
    }

    public static List<Row> parse(Path file) {
        List<Row> out = new ArrayList<>();
        try (LineReader in = LineReader.open(file)) {
            CsvHeader.rows(in, COLUMNS, String::isBlank, row -> out.add(new Row(row.any(0), row.any(1), row.any(2),
                    row.flag(3), row.any(4), row.any(5))));
        }
        return out;
    }
}
