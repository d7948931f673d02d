package ptlab.submission;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds an assignment's parts in an unpacked submission, whatever its layout (the seed's part1/ and
 * part2/, a nested top folder, one flat folder, per-part Makefiles or Kbuild files). Each part is judged
 * on its own, so a missing one never hides the others. Among several candidates of a part, in order:
 * an override's path, the strongest match, the seed's part folder (part1/, part2/), the seed's name;
 * what is still tied is ambiguous, and the message names the option that settles it.
 */
public final class PartFinder {
    private PartFinder() {
    }

    /**
     * As {@link #find(Path, Assignment, List)} for an assignment and part answers as a spec writes them
     * ({@code lkp25-p3}, part name -> path), for the plan and the run alike.
     */
    public static Findings find(Path root, String assignment, Map<String, String> parts) {
        return find(root, Assignment.byId(assignment).orElseThrow(() -> new IllegalArgumentException(
                "no assignment '" + assignment + "'")), parts.entrySet().stream()
                .map(e -> PartOverride.parse(e.getKey() + "=" + e.getValue())).toList());
    }

    public static Findings find(Path root, Assignment assignment, List<PartOverride> overrides) {
        SourceTree tree = new SourceTree(root);
        PartRules rules = new PartRules(tree);
        Map<Part, PartOverride> byPart = overrides.stream().collect(Collectors.toMap(PartOverride::part, o -> o, (a, b) -> b));
        List<PartResult> results = new ArrayList<>();
        for (Part part : assignment.parts()) {
            results.add(choose(part, rules.candidates(part), byPart.get(part), rules.nearMisses()));
        }
        return new Findings(root, assignment, results);
    }

    static PartResult choose(Part part, List<Candidate> all, PartOverride override, List<String> nearMisses) {
        List<Candidate> c = all;
        if (override != null) {
            c = keep(c, x -> override.covers(x.file()) || override.covers(x.folder()) && !x.folder().isEmpty());
            if (c.isEmpty()) {
                return new PartResult.Missing(part, "nothing at " + shown(override.path()) + " (from --part " + part.id() + "="
                        + override.path() + ") qualifies; without it there " + count(all.size()) + missingHint(part, all));
            }
        }
        if (c.isEmpty()) {
            return new PartResult.Missing(part, missingWhy(part, nearMisses));
        }
        String decided = override != null ? "chosen by --part " + part.id() + "=" + override.path() : null;
        if (part.partFolder() != 0) {
            // a memalloc.c under part2/ is Part 2's, not Part 1's, however well it matches
            List<Candidate> here = keep(c, x -> x.partFolder() == 0 || x.partFolder() == part.partFolder());
            if (here.isEmpty()) {
                return new PartResult.Missing(part, "the only candidates are in another part's folder: "
                        + c.stream().map(Candidate::file).sorted().collect(Collectors.joining(", "))
                        + "; if one is meant, name it with --part " + part.id() + "=PATH");
            }
            decided = narrowed(decided, c, here, "the others are in part " + (3 - part.partFolder()) + "'s folder");
            c = here;
        }
        int best = c.stream().mapToInt(Candidate::score).max().orElseThrow();
        List<Candidate> strongest = keep(c, x -> x.score() == best);
        decided = narrowed(decided, c, strongest, "it is the strongest match");
        c = strongest;
        if (part.partFolder() != 0) {
            List<Candidate> inFolder = prefer(c, x -> x.partFolder() == part.partFolder());
            decided = narrowed(decided, c, inFolder, "it is in part " + part.partFolder() + "'s folder");
            c = inFolder;
        }
        List<Candidate> named = prefer(c, Candidate::seedNamed);
        decided = narrowed(decided, c, named, "it has the seed's name");
        c = named;
        if (c.size() == 1) {
            Candidate one = c.get(0);
            String extra = all.size() > 1 ? " (over " + others(all, one) + ": " + decided + ")" : "";
            PartResult.Found f = one.found();
            return new PartResult.Found(part, f.folder(), f.makefile(), f.buildFile(), f.sources(), f.module(), one.reason() + extra);
        }
        List<Candidate> sorted = c.stream().sorted(Comparator.comparing(Candidate::file)).toList();
        return new PartResult.Ambiguous(part, sorted.stream().map(Candidate::found).toList(),
                "settle it with " + sorted.stream().map(x -> "--part " + part.id() + "=" + x.file()).collect(Collectors.joining(" or ")));
    }

    /** The first step that left fewer candidates is the one that decided. */
    private static String narrowed(String decided, List<Candidate> before, List<Candidate> after, String step) {
        return decided == null && after.size() < before.size() ? step : decided;
    }

    private static String others(List<Candidate> all, Candidate one) {
        return all.stream().filter(x -> x != one).map(Candidate::file).sorted().collect(Collectors.joining(", "));
    }

    private static String missingWhy(Part part, List<String> nearMisses) {
        String looked = switch (part) {
            case MEMALLOC, PART2_MEMALLOC -> "no C program with main() allocates (calloc, malloc, mmap...) without calling ioctl()";
            case PAGEMAP -> "no C program with main() opens /proc/self/pagemap or /proc/PID/pagemap";
            case LKP25P3 -> "no module built by a Makefile or Kbuild (obj-m) calls proc_create(\"lkp25p3\", ...)";
            case PAGETABLE -> "no module built by a Makefile or Kbuild (obj-m) has a pid module parameter or an ioctl handler";
            case PAGETABLE_USER -> "no C program with main() calls ioctl()";
        };
        if (part == Part.MEMALLOC || part == Part.PART2_MEMALLOC) {
            looked += part.partFolder() == 1 ? " outside part2/" : " outside part1/";
        }
        String near = part == Part.LKP25P3 && !nearMisses.isEmpty() ? "; closest: " + String.join("; ", nearMisses) : "";
        return looked + near + "; if it is there, name it with --part " + part.id() + "=PATH";
    }

    private static String missingHint(Part part, List<Candidate> all) {
        return all.isEmpty() ? "" : ": " + all.stream().map(Candidate::file).sorted().collect(Collectors.joining(", "));
    }

    private static String count(int n) {
        return n == 1 ? "is 1 candidate" : "are " + n + " candidates";
    }

    private static String shown(String path) {
        return path.isEmpty() ? "the top" : path;
    }

    private static List<Candidate> keep(List<Candidate> c, Predicate<Candidate> p) {
        return c.stream().filter(p).toList();
    }

    /** Those matching {@code p} when any does, else all of them. */
    private static List<Candidate> prefer(List<Candidate> c, Predicate<Candidate> p) {
        List<Candidate> k = keep(c, p);
        return k.isEmpty() ? c : k;
    }
}
