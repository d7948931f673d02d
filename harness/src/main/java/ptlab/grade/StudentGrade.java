package ptlab.grade;

import java.util.Comparator;
import java.util.List;

/**
 * One student's grade as the gradebook keeps it (students/&lt;id&gt;/grade.json): the scores per kernel, the total
 * (the lowest over the kernels graded: a module must work on each), and what it was computed from.
 *
 * @param key      the hash of the submission's bytes, the rubric, the spec and the images: equal means "graded"
 * @param scores   one per kernel (image) the rubric's spec runs, in plan order
 * @param error    why the submission could not even be run (an archive refused, an ambiguous part); else null
 * @param seconds  wall time of its grading
 */
public record StudentGrade(String id, String name, String submission, String how, String key, double total, double max,
        boolean needsReview, List<Scorer.Score> scores, String error, double seconds) {
    public StudentGrade {
        scores = scores == null ? List.of() : List.copyOf(scores);
        name = name == null ? "" : name;
    }

    static StudentGrade of(Who.Entry e, String key, List<Scorer.Score> scores, double seconds) {
        Scorer.Score low = scores.stream().min(Comparator.comparingDouble(Scorer.Score::total)).orElseThrow();
        return new StudentGrade(e.id(), e.name(), e.path().toString(), e.how(), key, low.total(), low.max(),
                scores.stream().anyMatch(Scorer.Score::needsReview), scores, null, seconds);
    }

    static StudentGrade unplanned(Who.Entry e, String key, Rubric r, String error, double seconds) {
        return new StudentGrade(e.id(), e.name(), e.path().toString(), e.how(), key, 0, r.maxPoints(), false, List.of(), error,
                seconds);
    }

    /** The kernel whose score is the total: the lowest; null when nothing ran. */
    public Scorer.Score scored() {
        return scores.stream().min(Comparator.comparingDouble(Scorer.Score::total)).orElse(null);
    }
}
