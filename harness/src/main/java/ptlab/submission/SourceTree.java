package ptlab.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ptlab.HarnessException;

/**
 * The C sources and make files of an unpacked submission, by path relative to its top ('/'-separated),
 * comments already blanked. Skips what archivers add beside the work: macOS's __MACOSX/ and ._ files,
 * and hidden folders such as .git.
 */
final class SourceTree {
    static final Set<String> MAKE_FILES = Set.of("Makefile", "makefile", "GNUmakefile", "Kbuild");
    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    /** Bigger than any hand-written source; generated files past it are not what the finder looks for. */
    private static final long MAX_SOURCE_BYTES = 1 << 20;

    private final Path root;
    private final Map<String, String> code = new TreeMap<>();
    private final Map<String, String> makeFiles = new TreeMap<>();

    SourceTree(Path root) {
        this.root = root;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (skipped(rel) || Files.size(p) > MAX_SOURCE_BYTES) {
                    continue;
                }
                String name = p.getFileName().toString();
                if (name.endsWith(".c") || name.endsWith(".h")) {
                    code.put(rel, CText.stripComments(read(p)));
                } else if (MAKE_FILES.contains(name)) {
                    makeFiles.put(rel, read(p));
                }
            }
        } catch (IOException e) {
            throw HarnessException.infra("reading the submission at " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean skipped(String rel) {
        for (String c : rel.split("/")) {
            if (c.equals("__MACOSX") || c.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path p) throws IOException {
        // student sources are not always UTF-8 (Latin-1 comments); decoding never fails, bad bytes become U+FFFD
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    Path root() {
        return root;
    }

    /** Every .c and .h file: path to comment-free text. */
    Map<String, String> code() {
        return code;
    }

    Map<String, String> makeFiles() {
        return makeFiles;
    }

    /** The folder of a relative path, "" at the top. */
    static String folderOf(String rel) {
        int i = rel.lastIndexOf('/');
        return i < 0 ? "" : rel.substring(0, i);
    }

    static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    /**
     * The files a program or module is made of: the given sources, every header they include with
     * quotes (found beside the includer, inside the submission), and for each header x.h the x.c beside
     * it. In the order found.
     */
    List<String> closure(List<String> sources) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(sources);
        while (!todo.isEmpty()) {
            String f = todo.remove(0);
            if (!code.containsKey(f) || !seen.add(f)) {
                continue;
            }
            Matcher m = INCLUDE.matcher(code.get(f));
            while (m.find()) {
                EntryNames.symlinkTarget(f, m.group(1)).ifPresent(todo::add);
            }
            if (f.endsWith(".h")) {
                todo.add(f.substring(0, f.length() - 2) + ".c");
            }
        }
        return new ArrayList<>(seen);
    }

    /** All the text of {@code files}, for facts that may sit in any of them (a name #defined in a header). */
    String text(List<String> files) {
        StringBuilder sb = new StringBuilder();
        for (String f : files) {
            sb.append(code.getOrDefault(f, "")).append('\n');
        }
        return sb.toString();
    }

    /**
     * The Makefile {@code make} runs in for something in {@code folder}: the nearest Makefile in it or
     * above it, preferring one that mentions {@code word} (a program's name) when {@code word} is given.
     */
    Optional<String> makefileFor(String folder, String word) {
        Optional<String> nearest = Optional.empty();
        for (String dir = folder; ; dir = folderOf(dir)) {
            for (String name : List.of("Makefile", "makefile", "GNUmakefile")) {
                String mf = join(dir, name);
                if (makeFiles.containsKey(mf)) {
                    if (word == null || Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(makeFiles.get(mf)).find()) {
                        return Optional.of(mf);
                    }
                    if (nearest.isEmpty()) {
                        nearest = Optional.of(mf);
                    }
                }
            }
            if (dir.isEmpty()) {
                return word == null ? nearest : Optional.empty();
            }
        }
    }
}
