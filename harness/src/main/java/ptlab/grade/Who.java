package ptlab.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ptlab.HarnessException;

/**
 * Whose submission each input is: the ID from the seed's file name ({@code 1234-lkp25-p3.tar.gz}, a resubmission's
 * {@code -1} suffix allowed), from a learning-management system's bulk download (Canvas:
 * {@code name_12345_67890_<file>}, {@code name_LATE_...}; Moodle: {@code Full Name_12345_assignsubmission_file_<file>}),
 * or a folder's name. A file that fits no pattern is graded under its file name and listed; two submissions of one
 * ID keep the newest and say so.
 */
public final class Who {
    private static final Pattern SEED = Pattern.compile("^(?<id>[A-Za-z0-9._]+?)-lkp25-p3(?:-\\d+)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CANVAS = Pattern.compile("^(?<name>[a-z]+)(?:_(?i:late))?_(?<uid>\\d+)_(?<sid>\\d+)_(?<orig>.+)$");
    private static final Pattern MOODLE = Pattern.compile("^(?<name>.+?)_(?<uid>\\d+)_assignsubmission_file_(?<orig>.+)$");
    private static final List<String> ARCHIVES = List.of(".tar.gz", ".tgz", ".zip");

    /**
     * One student's submission.
     *
     * @param id   the ID the gradebook uses
     * @param name the student's name where the file name gave one, else empty
     * @param how  which pattern gave the ID
     */
    public record Entry(String id, String name, Path path, String how) {
    }

    /** What the inputs hold: a submission per ID, and what a grader should know (duplicates, unmatched names, skipped files). */
    public record Collected(List<Entry> entries, List<String> notes) {
    }

    private Who() {
    }

    public static Collected collect(List<Path> inputs) {
        List<Entry> all = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.exists(in)) {
                throw HarnessException.usage("no such submission or folder: " + in);
            }
            if (Files.isDirectory(in) && !looksLikeOne(in)) {
                try (Stream<Path> s = Files.list(in)) {
                    for (Path p : s.sorted().toList()) {
                        String n = p.getFileName().toString();
                        if (n.startsWith(".")) {
                            continue;
                        }
                        if (Files.isDirectory(p) || archive(n)) {
                            all.add(entry(p, notes));
                        } else {
                            notes.add("skipped " + p + ": neither a folder nor a .tar.gz, .tgz or .zip");
                        }
                    }
                } catch (IOException e) {
                    throw HarnessException.usage("cannot list " + in + ": " + e.getMessage());
                }
            } else {
                all.add(entry(in, notes));
            }
        }
        Map<String, Entry> byId = new LinkedHashMap<>();
        Map<String, List<Entry>> dups = new LinkedHashMap<>();
        for (Entry e : all) {
            dups.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<Entry>> d : dups.entrySet()) {
            List<Entry> es = new ArrayList<>(d.getValue());
            es.sort(Comparator.comparing((Entry e) -> modified(e.path())).thenComparing(e -> e.path().toString()));
            Entry newest = es.get(es.size() - 1);
            byId.put(d.getKey(), newest);
            if (es.size() > 1) {
                notes.add("ID " + d.getKey() + ": " + es.size() + " submissions; kept the newest, " + newest.path().getFileName()
                        + "; not graded: " + String.join(", ", es.subList(0, es.size() - 1).stream()
                                .map(e -> e.path().getFileName().toString()).toList()));
            }
        }
        return new Collected(List.copyOf(byId.values()), List.copyOf(notes));
    }

    /** A folder that is one submission rather than a folder of them: C sources, a Makefile or the seed's part folders on top. */
    static boolean looksLikeOne(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith(".c") || n.endsWith(".h")
                    || n.equals("Makefile") || n.equals("Kbuild") || n.equals("part1") || n.equals("part2"));
        } catch (IOException e) {
            return false;
        }
    }

    static Entry entry(Path p, List<String> notes) {
        String file = p.getFileName().toString();
        String stem = stem(file);
        Matcher m = CANVAS.matcher(stem);
        if (m.matches()) {
            return fromOriginal(p, m.group("name"), m.group("uid"), m.group("orig"), "Canvas bulk download");
        }
        m = MOODLE.matcher(stem);
        if (m.matches()) {
            return fromOriginal(p, m.group("name"), m.group("uid"), m.group("orig"), "Moodle bulk download");
        }
        m = SEED.matcher(stem);
        if (m.matches()) {
            return new Entry(m.group("id"), "", p, "the seed's name <ID>-lkp25-p3");
        }
        if (Files.isDirectory(p)) {
            return new Entry(safe(stem), "", p, "the folder's name");
        }
        notes.add(file + " fits no pattern (<ID>-lkp25-p3.tar.gz, a bulk download's name): graded as " + safe(stem));
        return new Entry(safe(stem), "", p, "the file's name (no pattern fits)");
    }

    /** A bulk download's entry: the seed's ID inside the original file name when it has one, else the system's user ID. */
    private static Entry fromOriginal(Path p, String name, String uid, String original, String how) {
        Matcher seed = SEED.matcher(stem(original));
        return seed.matches() ? new Entry(seed.group("id"), name, p, how + ", the seed's name inside")
                : new Entry(uid, name, p, how + ", its user ID");
    }

    static String stem(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        for (String ext : ARCHIVES) {
            if (lower.endsWith(ext)) {
                return file.substring(0, file.length() - ext.length());
            }
        }
        return file;
    }

    private static boolean archive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ARCHIVES.stream().anyMatch(lower::endsWith);
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return t.isEmpty() ? "_" : t;
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
