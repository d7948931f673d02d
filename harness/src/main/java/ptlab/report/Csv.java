package ptlab.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Streams a CSV dataset (RFC 4180 quoting, '\n' line ends) without holding its rows in memory. */
public final class Csv {
    /** Receives rows. */
    @FunctionalInterface
    public interface Sink {
        void row(String... cells);
    }

    /** Produces rows into a sink. */
    @FunctionalInterface
    public interface Rows {
        void emit(Sink sink);
    }

    private Csv() {
    }

    public static void write(Path file, List<String> header, Rows rows) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            line(w, header.toArray(String[]::new));
            rows.emit(cells -> {
                if (cells.length != header.size()) {
                    throw new IllegalArgumentException(file.getFileName() + ": row has " + cells.length + " cells, header " + header.size());
                }
                try {
                    line(w, cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private static void line(BufferedWriter w, String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(cells[i]));
        }
        w.write('\n');
    }

    /** One cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
    public static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
