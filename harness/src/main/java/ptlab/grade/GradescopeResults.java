package ptlab.grade;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptlab.json.Json;

/**
 * One student's grade as Gradescope's autograder reads it ({@code /autograder/results/results.json}, after
 * Gradescope's published autograder specification): {@code score} (the rubric's total), {@code execution_time}
 * (seconds), {@code output} (the feedback's first lines), and a test per item and per deduction that applied, each
 * with {@code name}, {@code score}, {@code max_score}, {@code status} (passed or failed), {@code output} (the judge's
 * words) and {@code visibility} (a hidden item is {@code after_published}: the student sees it once the grades are
 * published). The schema the tests hold it to: gradescope/results.schema.json.
 */
final class GradescopeResults {
    private GradescopeResults() {
    }

    static Map<String, Object> of(StudentGrade g) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("score", g.total());
        r.put("execution_time", Math.round(g.seconds()));
        StringBuilder out = new StringBuilder(Gradebook.num(g.total()) + " of " + Gradebook.num(g.max()) + " points");
        if (g.needsReview()) {
            out.append(" (not final: a person will read what the harness could not)");
        }
        if (g.error() != null) {
            out.append(". The harness could not run this submission: ").append(g.error().strip());
        }
        r.put("output", out.toString());
        r.put("visibility", "visible");
        r.put("stdout_visibility", "hidden");
        List<Map<String, Object>> tests = new ArrayList<>();
        Scorer.Score s = g.scored();
        if (s != null) {
            for (Scorer.ItemScore it : s.items()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", it.title());
                t.put("score", it.points());
                t.put("max_score", it.max());
                t.put("status", it.points() >= it.max() ? "passed" : "failed");
                t.put("output", it.status() + ": " + it.why());
                t.put("visibility", it.hidden() ? "after_published" : "visible");
                tests.add(t);
            }
            for (Scorer.DeductionScore d : s.deductions()) {
                if (d.points() > 0) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("name", "Deduction: " + d.title());
                    t.put("score", -d.points());
                    t.put("max_score", 0.0);
                    t.put("status", "failed");
                    t.put("output", d.why());
                    t.put("visibility", "visible");
                    tests.add(t);
                }
            }
        }
        r.put("tests", tests);
        return r;
    }

    static void write(Path file, StudentGrade g) {
        Json.write(file, of(g));
    }
}
