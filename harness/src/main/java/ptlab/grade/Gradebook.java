package ptlab.grade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.analysis.Fmt;
import ptlab.json.AtomicFile;
import ptlab.json.Json;
import ptlab.report.Csv;

/**
 * A grading folder: students/&lt;id&gt;/grade.json, feedback.md, feedback.html and feedback.pdf, written as each student is graded; then
 * grades.csv (one row per ID), grades.json, notes.txt and the class report over every student graded in this folder
 * so far (a late submission graded alone joins the others).
 */
public final class Gradebook {
    public static final String CSV = "grades.csv";
    public static final String JSON = "grades.json";
    /** Every graded student's run's junit.xml in one {@code <testsuites>}. */
    public static final String JUNIT = "junit.xml";
    static final String STUDENTS = "students";
    static final String GRADE = "grade.json";
    static final String FEEDBACK = "feedback.md";
    static final String FEEDBACK_HTML = "feedback.html";
    static final String FEEDBACK_PDF = "feedback.pdf";

    private final Path dir;
    private final Rubric.Loaded rubric;

    Gradebook(Path dir, Rubric.Loaded rubric) {
        this.dir = dir;
        this.rubric = rubric;
    }

    public Path dir() {
        return dir;
    }

    StudentGrade saved(String id) {
        Path f = dir.resolve(STUDENTS).resolve(id).resolve(GRADE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.read(f, StudentGrade.class);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: graded again
        }
    }

    void save(StudentGrade g) {
        Path d = dir.resolve(STUDENTS).resolve(g.id());
        try {
            Files.createDirectories(d);
            String md = Feedback.markdown(rubric.rubric(), g, false);
            AtomicFile.write(d.resolve(FEEDBACK), md.getBytes(StandardCharsets.UTF_8));
            FeedbackPdf.write(md, d.resolve(FEEDBACK_PDF));
            AtomicFile.write(d.resolve(FEEDBACK_HTML), FeedbackHtml.html(rubric.rubric(), g, false).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + d + ": " + e.getMessage(), e);
        }
        // the grade last: its presence means "graded"
        Json.write(d.resolve(GRADE), g);
    }

    /**
     * Gradescope's results.json for student {@code id}; when the harness could not grade it, one with score 0 that
     * says so (Gradescope shows the output; the course regrades). Returns whether the student was graded.
     */
    public static boolean writeGradescope(Gradebook book, String id, Path file) {
        StudentGrade g = book.saved(id);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
        if (g == null) {
            Json.write(file, Map.of("score", 0.0, "execution_time", 0, "output", "The autograder could not finish the run"
                    + " (an infrastructure error, not your code): ask for a regrade.", "tests", List.of()));
            return false;
        }
        GradescopeResults.write(file, g);
        return true;
    }

    void notes(List<String> notes) {
        write("notes.txt", notes.isEmpty() ? "" : String.join("\n", notes) + "\n");
    }

    /** Every student graded in this folder, by ID. */
    public List<StudentGrade> all() {
        Path s = dir.resolve(STUDENTS);
        if (!Files.isDirectory(s)) {
            return List.of();
        }
        try (Stream<Path> l = Files.list(s)) {
            return l.map(p -> saved(p.getFileName().toString())).filter(g -> g != null).sorted(java.util.Comparator
                    .comparing(StudentGrade::id)).toList();
        } catch (IOException e) {
            throw HarnessException.infra("cannot list " + s + ": " + e.getMessage(), e);
        }
    }

    void export(List<String> current, List<Similarity.Pair> similar) {
        List<StudentGrade> all = all();
        write(CSV, csv(rubric.rubric(), all));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rubric", rubric.rubric().rubric());
        json.put("rubric_file", rubric.file().toString());
        json.put("max", rubric.rubric().maxPoints());
        json.put("students", all);
        Json.write(dir.resolve(JSON), json);
        write(ClassReport.FILE, ClassReport.markdown(rubric.rubric(), all, current, similar));
        // every student's scored run as a suite (its name carries the ID: <experiment>-<ID>.<run>), for CI dashboards
        List<Path> junits = all.stream().map(StudentGrade::scored).filter(x -> x != null)
                .map(x -> Path.of(x.run()).resolve(ptlab.runfolder.RunFolder.JUNIT)).filter(Files::isRegularFile).toList();
        write(JUNIT, ptlab.junit.JUnitXml.merge("grade." + rubric.rubric().rubric(), junits));
    }

    /**
     * One row per ID: {@code id}, {@code name}, {@code total}, {@code max}, {@code needs_review} (yes/no), a column
     * per item (its id, points earned), a column per deduction ({@code minus_<id>}, points taken off), {@code error}.
     */
    static String csv(Rubric r, List<StudentGrade> all) {
        List<String> head = new ArrayList<>(List.of("id", "name", "total", "max", "needs_review"));
        r.items().forEach(i -> head.add(i.id()));
        r.deductions().forEach(d -> head.add("minus_" + d.id()));
        head.add("error");
        StringBuilder s = new StringBuilder(String.join(",", head)).append('\n');
        for (StudentGrade g : all) {
            List<String> row = new ArrayList<>(List.of(g.id(), Csv.quote(g.name()), num(g.total()), num(g.max()), g.needsReview() ? "yes" : "no"));
            Scorer.Score sc = g.scored();
            for (Rubric.Item i : r.items()) {
                row.add(sc == null ? "0" : num(sc.items().stream().filter(x -> x.id().equals(i.id())).mapToDouble(Scorer.ItemScore::points).sum()));
            }
            for (Rubric.Deduction d : r.deductions()) {
                row.add(sc == null ? "0" : num(sc.deductions().stream().filter(x -> x.id().equals(d.id()))
                        .mapToDouble(Scorer.DeductionScore::points).sum()));
            }
            row.add(Csv.quote(g.error() == null ? "" : g.error().lines().findFirst().orElse("")));
            s.append(String.join(",", row)).append('\n');
        }
        return s.toString();
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Fmt.f("%.2f", v);
    }

    private void write(String name, String text) {
        try {
            Files.createDirectories(dir);
            AtomicFile.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }
}
