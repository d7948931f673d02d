package ptlab.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ptlab.HarnessException;
import ptlab.SourceLocatedException;

/**
 * Streams a text file line by line and knows where it is, so every parser can report
 * {@code file:line: field 'x': problem} without carrying the position itself.
 */
public final class LineReader implements AutoCloseable {
    private final Path file;
    private final BufferedReader in;
    private int lineNo;

    private LineReader(Path file, BufferedReader in) {
        this.file = file;
        this.in = in;
    }

    public static LineReader open(Path file) {
        try {
            // InputStreamReader replaces malformed bytes instead of failing: logs may hold raw bytes
            return new LineReader(file, new BufferedReader(
                    new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The next line without its terminator, or null at the end of the file. */
    public String next() {
        try {
            String s = in.readLine();
            if (s != null) {
                lineNo++;
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + ":" + (lineNo + 1), e);
        }
    }

    public int lineNo() {
        return lineNo;
    }

    public Path file() {
        return file;
    }

    /** An error at the current line. */
    public SourceLocatedException error(String field, String problem) {
        return error(file, lineNo, field, problem);
    }

    public static SourceLocatedException error(Path file, int line, String field, String problem) {
        return new SourceLocatedException(file, line, 0, field, problem);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + file, e);
        }
    }
}
