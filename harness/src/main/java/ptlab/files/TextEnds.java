package ptlab.files;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The start and the end of a text file that may be far too large to read whole (a student's program printing a line
 * per page touched): at most {@code limit} bytes of each, and the file's size.
 *
 * @param head   the first bytes, or the whole file when it is no larger than the limit; empty when absent
 * @param tail   the last bytes (the whole file when small)
 * @param bytes  the file's size, 0 when absent
 */
public record TextEnds(String head, String tail, long bytes) {
    public static TextEnds read(Path file, int limit) {
        if (!Files.isRegularFile(file)) {
            return new TextEnds("", "", 0);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            String head = chunk(f, 0, (int) Math.min(size, limit));
            String tail = size <= limit ? head : chunk(f, size - limit, limit);
            return new TextEnds(head, tail, size);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Whether the head is only part of the file. */
    public boolean cut() {
        return bytes > head.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String chunk(RandomAccessFile f, long at, int n) throws IOException {
        byte[] b = new byte[n];
        f.seek(at);
        f.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
