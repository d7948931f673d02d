package ptlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copies of the hand-made fixture run folder, to render and to break on purpose. */
public final class TestRuns {
    private TestRuns() {
    }

    public static Path fixture() {
        try {
            return Path.of(TestRuns.class.getResource("/fixtures/handmade-run").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh copy of fixtures/handmade-run at {@code dest}. */
    public static Path copy(Path dest) {
        Path src = fixture();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.sorted().toList()) {
                Path to = dest.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dest;
    }

    /** Replaces the first occurrence of {@code from} in a file. */
    public static void edit(Path file, String from, String to) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            if (!s.contains(from)) {
                throw new IllegalArgumentException(file + " lacks '" + from + "'");
            }
            Files.writeString(file, s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under {@code dir}, relative, sorted. */
    public static List<String> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
