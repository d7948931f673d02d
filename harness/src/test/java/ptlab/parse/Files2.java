package ptlab.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: writes text files line by line. */
final class Files2 {
    private Files2() {
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kmsg.txt with consecutive sequence numbers from 100. */
    static Path kmsg(Path dir, String... messages) {
        String[] lines = new String[messages.length];
        for (int i = 0; i < messages.length; i++) {
            lines[i] = "6," + (100 + i) + "," + (1000 + i) + ",-;" + messages[i];
        }
        return write(dir, "kmsg.txt", lines);
    }
}
