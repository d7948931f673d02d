package ptlab.submission;

import java.nio.file.Path;
import java.util.List;

/**
 * One thing that could be a part, before the finder chooses: {@code file} is its main source, relative
 * to the top; a higher {@code score} is a stronger match of the same rule (both of a module's signals
 * rather than one, a device the module registers rather than any device).
 */
record Candidate(Part part, String file, String folder, String makefile, String buildFile, List<String> sources,
        String module, String reason, int score) {
    Candidate {
        sources = List.copyOf(sources);
    }

    PartResult.Found found() {
        return new PartResult.Found(part, Path.of(folder), makefile == null ? null : Path.of(makefile),
                buildFile == null ? null : Path.of(buildFile), sources.stream().map(Path::of).toList(), module, reason);
    }

    /**
     * A folder named for a part: part1, Part_2, p2, "Part 1", part1-pagemap, part2_module, PartTwo, lkp-part2 (not
     * part12, p2p or project2).
     */
    static final java.util.regex.Pattern PART_FOLDER = java.util.regex.Pattern.compile(
            "(?i)^(?:part[-_ ]?(1|2|one|two)(?![0-9])|p[-_]?([12])(?![0-9a-z])).*|.*[-_ ]part[-_ ]?(1|2|one|two)");
    /** A file named for a part: part1_memalloc.c, Part2-memalloc.c, memalloc_part2.c. */
    private static final java.util.regex.Pattern PART_FILE = java.util.regex.Pattern.compile(
            "(?i)^part[-_ ]?(1|2|one|two)[-_ .].*|.*[-_ ]part[-_ ]?(1|2|one|two)\\.[a-z]+");

    /** The seed's part this candidate sits in by its folders (part1/, Part_2/, p2/) or its file's name, 0 for none. */
    int partFolder() {
        int found = 0;
        String[] c = file.split("/");
        for (int i = 0; i < c.length - 1; i++) {
            found = partNamed(PART_FOLDER, c[i], found);
        }
        return partNamed(PART_FILE, c[c.length - 1], found);
    }

    /** The part {@code name} is named for, else {@code otherwise}. */
    static int partNamed(java.util.regex.Pattern p, String name, int otherwise) {
        java.util.regex.Matcher m = p.matcher(name);
        if (!m.matches()) {
            return otherwise;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                String n = m.group(g).toLowerCase(java.util.Locale.ROOT);
                return n.equals("1") || n.equals("one") ? 1 : 2;
            }
        }
        return otherwise;
    }

    /** Whether it has the name the seed gives this part (memalloc.c, lkp25p3.ko). */
    boolean seedNamed() {
        if (part.isModule()) {
            return part.seedName().equals(module);
        }
        return file.endsWith("/" + part.seedName()) || file.equals(part.seedName());
    }
}
