package ptlab.grade;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.Match;
import de.jplag.Submission;
import de.jplag.Token;
import de.jplag.exceptions.ExitException;
import de.jplag.options.JPlagOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.analysis.Fmt;
import ptlab.files.Trees;
import ptlab.submission.SafeUnpacker;
import ptlab.submission.Unpacked;

/**
 * Pairwise similarity of the students' C sources (JPlag's C/C++ front end), for a person to judge and never a
 * score: the reference's sources are JPlag's base code, so what every answer shares with it does not count. Each
 * graded submission's .c and .h files are kept under similarity/src/&lt;ID&gt;/, so a late submission is compared
 * with the whole class. similarity.md lists the pairs at or above the threshold with their longest matching
 * regions side by side.
 */
final class Similarity {
    static final String FILE = "similarity.md";
    private static final int REGIONS = 3;
    private static final int MAX_LINES = 25;

    /** A pair at or above the threshold. */
    record Pair(String first, String second, double similarity) {
    }

    private Similarity() {
    }

    /** Where a student's C sources are kept. */
    static Path kept(Path dir, String id) {
        return dir.resolve("similarity/src").resolve(id);
    }

    /** Keeps the C sources of a submission (an archive is unpacked with the same limits as a run's). */
    static void keep(Path dir, Who.Entry e) {
        Path to = kept(dir, e.id());
        try {
            if (Files.exists(to)) {
                Trees.delete(to);
            }
            Files.createDirectories(to);
            Path from = e.path();
            Unpacked u = Files.isDirectory(from) ? null : new SafeUnpacker().unpack(from, dir.resolve("similarity"));
            Path root = u == null ? from : u.root();
            try (Stream<Path> w = Files.walk(root)) {
                for (Path f : w.filter(p -> Files.isRegularFile(p) && p.toString().matches(".*\\.[ch]")).sorted().toList()) {
                    Path target = to.resolve(root.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            } finally {
                if (u != null) {
                    Trees.delete(u.root());
                }
            }
        } catch (IOException | HarnessException ex) {
            // a submission whose sources cannot be read is left out of the comparison, and says so there
            try {
                Files.writeString(to.resolve("ptlab-unreadable.txt"), String.valueOf(ex.getMessage()));
            } catch (IOException ignored) {
                // the folder itself is unwritable: the grading's own writes will fail loudly
            }
        }
    }

    /**
     * Compares every kept submission with every other; writes similarity.md and returns the pairs at or above
     * {@code threshold}, most similar first.
     *
     * @param base the reference's sources (JPlag's base code); null for none
     */
    static List<Pair> compare(Path dir, Path base, double threshold) {
        Path src = dir.resolve("similarity/src");
        StringBuilder md = new StringBuilder("# Similar submissions\n\nFor a person to judge, never a score. JPlag "
                + JPlag.JPLAG_VERSION + " (C/C++), the reference's sources as base code; pairs at or above "
                + Fmt.pct(threshold) + ".\n\n");
        List<Pair> pairs = new ArrayList<>();
        try {
            JPlagOptions o = new JPlagOptions(new de.jplag.cpp.Language(), Set.of(src.toFile()), Set.of());
            if (base != null) {
                o = o.withBaseCodeSubmissionDirectory(base.toFile());
            }
            JPlagResult r = new JPlag(o).run();
            List<JPlagComparison> all = new ArrayList<>(r.getAllComparisons());
            all.sort(Comparator.comparingDouble(JPlagComparison::similarity).reversed());
            for (JPlagComparison c : all) {
                if (c.similarity() < threshold) {
                    break;
                }
                Pair p = new Pair(c.firstSubmission().getName(), c.secondSubmission().getName(), c.similarity());
                pairs.add(p);
                md.append("## ").append(p.first()).append(" and ").append(p.second()).append(": ")
                        .append(Fmt.pct(p.similarity())).append("\n\n");
                regions(c, md);
            }
            md.append(Fmt.f("%d submission(s), %d pair(s) compared, %d at or above the threshold.%n",
                    r.getNumberOfSubmissions(), all.size(), pairs.size()));
        } catch (ExitException | RuntimeException e) {
            md.append("Not compared: ").append(e.getMessage()).append('\n');
        }
        try {
            Files.writeString(dir.resolve(FILE), md.toString());
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        return pairs;
    }

    /** The longest matching regions of a pair, each side's lines one after the other. */
    private static void regions(JPlagComparison c, StringBuilder md) {
        List<Match> ms = new ArrayList<>(c.matches());
        ms.sort(Comparator.comparingInt(Match::length).reversed());
        for (Match m : ms.subList(0, Math.min(REGIONS, ms.size()))) {
            md.append(Fmt.f("A match of %d tokens:%n%n", m.length()));
            side(c.firstSubmission(), m.startOfFirst(), m.endOfFirst(), md);
            side(c.secondSubmission(), m.startOfSecond(), m.endOfSecond(), md);
        }
    }

    private static void side(Submission s, int from, int to, StringBuilder md) {
        Token a = s.getTokenList().get(from);
        Token b = s.getTokenList().get(Math.min(to, s.getTokenList().size() - 1));
        File f = a.getFile();
        String name = s.getRoot().toPath().relativize(f.toPath()).toString();
        md.append("`").append(s.getName()).append("/").append(name).append("`, lines ").append(a.getLine()).append('-')
                .append(b.getLine()).append(":\n\n```c\n");
        try {
            List<String> lines = Files.readAllLines(f.toPath(), java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = Math.min(lines.size(), Math.min(b.getLine(), a.getLine() + MAX_LINES - 1));
            for (int i = Math.max(1, a.getLine()); i <= end; i++) {
                md.append(lines.get(i - 1)).append('\n');
            }
        } catch (IOException e) {
            md.append("(unreadable: ").append(e.getMessage()).append(")\n");
        }
        md.append("```\n\n");
    }
}
