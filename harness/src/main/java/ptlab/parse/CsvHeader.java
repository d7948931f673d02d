package ptlab.parse;

import java.util.Arrays;
import java.util.List;

/** Maps required column names to their positions in a CSV header; splits rows without regex. */
final class CsvHeader {
    private final String[] names;
    private final int[] index;
    private final int width;

    private CsvHeader(String[] names, int[] index, int width) {
        this.names = names;
        this.index = index;
        this.width = width;
    }

    /** Reads the first line of {@code in} as the header; an empty file is an error naming it. */
    static CsvHeader read(LineReader in, String[] required) {
        String header = in.next();
        if (header == null) {
            throw in.error("", "empty file, expected the header " + String.join(",", required));
        }
        return of(in, header, required);
    }

    static CsvHeader of(LineReader in, String header, String[] required) {
        List<String> cols = Arrays.asList(header.split(",", -1));
        int[] index = new int[required.length];
        for (int i = 0; i < required.length; i++) {
            index[i] = cols.indexOf(required[i]);
            if (index[i] < 0) {
                throw in.error(required[i], "header lacks column '" + required[i] + "'; expected "
                        + String.join(",", required) + ", got " + header);
            }
        }
        return new CsvHeader(required, index, cols.size());
    }

    int width() {
        return width;
    }

    int index(int required) {
        return index[required];
    }

    String name(int column) {
        for (int i = 0; i < index.length; i++) {
            if (index[i] == column) {
                return names[i];
            }
        }
        return "column " + (column + 1);
    }

    /** One data row handed out by {@link #rows}; its required columns are numbered as in {@code required}. */
    static final class Row {
        private final LineReader in;
        private final CsvHeader header;
        private final int[] starts;
        private final int[] ends;
        private String line;

        private Row(LineReader in, CsvHeader header) {
            this.in = in;
            this.header = header;
            this.starts = new int[header.width];
            this.ends = new int[header.width];
        }

        /** Required column {@code k}, decimal or 0x-hex; a bad number is an error naming the column and line. */
        long any(int k) {
            int col = header.index[k];
            try {
                return Num.any(line, starts[col], ends[col]);
            } catch (NumberFormatException e) {
                throw in.error(header.names[k], e.getMessage());
            }
        }

        /** Required column {@code k} as a 0/1 flag; anything else is an error naming the column and line. */
        boolean flag(int k) {
            int col = header.index[k];
            try {
                return Num.flag(line, starts[col], ends[col]);
            } catch (NumberFormatException e) {
                throw in.error(header.names[k], e.getMessage());
            }
        }

        /** An error about required column {@code k} on this row's line. */
        RuntimeException error(int k, String problem) {
            return in.error(header.names[k], problem);
        }
    }

    /**
     * Reads the header (which must have every {@code required} column), then gives {@code sink} each data
     * line that {@code skip} does not drop, split into exactly as many fields as the header has.
     */
    static void rows(LineReader in, String[] required, java.util.function.Predicate<String> skip,
            java.util.function.Consumer<Row> sink) {
        Row row = new Row(in, read(in, required));
        String s;
        while ((s = in.next()) != null) {
            if (skip.test(s)) {
                continue;
            }
            split(in, s, row.starts, row.ends);
            row.line = s;
            sink.accept(row);
        }
    }

    /** Fills field boundaries; the row must have exactly as many fields as the header. */
    static void split(LineReader in, String s, int[] starts, int[] ends) {
        int field = 0;
        int start = 0;
        int n = s.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || s.charAt(i) == ',') {
                if (field >= starts.length) {
                    throw in.error("", "more than " + starts.length + " fields");
                }
                starts[field] = start;
                ends[field] = i;
                field++;
                start = i + 1;
            }
        }
        if (field != starts.length) {
            throw in.error("", "expected " + starts.length + " fields, got " + field);
        }
    }
}
