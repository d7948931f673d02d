package ptlab.grade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import ptlab.analysis.Fmt;

/**
 * The class at a glance (class-report.md): the score distribution, each item's share of full marks, the most
 * common failure classes with their counts, the students whose kernels disagree, who needs review, and the time
 * per submission.
 */
final class ClassReport {
    static final String FILE = "class-report.md";
    private static final int BINS = 10;
    private static final int BAR = 40;

    private ClassReport() {
    }

    static String markdown(Rubric r, List<StudentGrade> all, List<String> current, List<Similarity.Pair> similar) {
        StringBuilder s = new StringBuilder("# Class report: " + r.rubric() + "\n\n");
        if (all.isEmpty()) {
            return s.append("No submission graded yet.\n").toString();
        }
        double[] totals = all.stream().mapToDouble(StudentGrade::total).sorted().toArray();
        double max = r.maxPoints();
        s.append(Fmt.f("%d student(s) graded (%d in this grading's input); out of %s: mean %.1f, median %.1f, lowest %.1f,"
                + " highest %.1f.%n%n", all.size(), current.size(), Gradebook.num(max), Arrays.stream(totals).average().orElse(0),
                median(totals), totals[0], totals[totals.length - 1]));
        s.append("## Score distribution\n\n```\n");
        int[] bins = new int[BINS];
        for (double t : totals) {
            bins[Math.min(BINS - 1, (int) (t / max * BINS))]++;
        }
        int most = Arrays.stream(bins).max().orElse(1);
        for (int b = 0; b < BINS; b++) {
            s.append(Fmt.f("%5s-%-5s %3d %s%n", Gradebook.num(max * b / BINS), Gradebook.num(max * (b + 1) / BINS), bins[b],
                    "#".repeat((int) Math.round((double) bins[b] / Math.max(1, most) * BAR))));
        }
        s.append("```\n\n## Items\n\n| Item | Full marks | Mean points |\n|---|---|---|\n");
        for (Rubric.Item it : r.items()) {
            List<Scorer.ItemScore> scores = all.stream().map(StudentGrade::scored).filter(x -> x != null)
                    .flatMap(x -> x.items().stream()).filter(x -> x.id().equals(it.id())).toList();
            long full = scores.stream().filter(x -> x.points() >= x.max()).count();
            s.append("| ").append(it.title()).append(" | ").append(full).append(" of ").append(all.size()).append(" | ")
                    .append(Fmt.f("%.1f / %s", scores.stream().mapToDouble(Scorer.ItemScore::points).sum() / all.size(),
                            Gradebook.num(it.points()))).append(" |\n");
        }
        Map<String, Long> classes = all.stream().map(StudentGrade::scored).filter(x -> x != null)
                .flatMap(x -> x.failures().stream().distinct()).collect(Collectors.groupingBy(x -> x, TreeMap::new, Collectors.counting()));
        s.append("\n## Most common failures\n\n");
        if (classes.isEmpty()) {
            s.append("None.\n");
        }
        classes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> s.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        List<String> split = new ArrayList<>();
        for (StudentGrade g : all) {
            if (g.scores().size() > 1 && g.scores().stream().mapToDouble(Scorer.Score::total).distinct().count() > 1) {
                split.add(g.id() + ": " + g.scores().stream().map(x -> Gradebook.num(x.total()) + " (" + x.run() + ")")
                        .collect(Collectors.joining(", ")));
            }
        }
        s.append("\n## Kernels that disagree\n\n").append(split.isEmpty() ? "None: every student scored the same on every"
                + " kernel graded.\n" : "- " + String.join("\n- ", split) + "\n");
        List<String> review = all.stream().filter(StudentGrade::needsReview).map(StudentGrade::id).toList();
        s.append("\n## Needs review\n\n").append(review.isEmpty() ? "None.\n" : String.join(", ", review) + "\n");
        List<String> errors = all.stream().filter(g -> g.error() != null).map(g -> g.id() + ": "
                + g.error().lines().findFirst().orElse("")).toList();
        if (!errors.isEmpty()) {
            s.append("\n## Could not run\n\n- ").append(String.join("\n- ", errors)).append('\n');
        }
        s.append("\n## Similar submissions\n\nFor a person to judge, never a score (JPlag, the reference as base code;"
                + " the matching regions side by side: " + Similarity.FILE + ").\n\n");
        s.append(similar.isEmpty() ? "No pair above the threshold.\n" : "");
        similar.forEach(p -> s.append("- ").append(p.first()).append(" and ").append(p.second()).append(": ")
                .append(Fmt.pct(p.similarity())).append('\n'));
        double[] secs = all.stream().mapToDouble(StudentGrade::seconds).sorted().toArray();
        s.append(Fmt.f("%n## Time%n%nPer submission: median %.0f s, longest %.0f s, %.1f min in all.%n", median(secs),
                secs[secs.length - 1], Arrays.stream(secs).sum() / 60));
        return s.toString();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
