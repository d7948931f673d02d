package ptlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.render.RenderPipeline;
import ptlab.testing.TestFiles;

/** The exports of a grading folder built from captured runs: grades.csv row by row, the class report, junit.xml. */
class GradebookTest {
    @TempDir
    Path tmp;

    @Test
    void theExportsCoverEveryStudentGraded() throws Exception {
        Rubric.Loaded r = Rubric.load(Path.of("experiments/rubrics/lkp25p3-quick.yaml"));
        Gradebook book = new Gradebook(tmp.resolve("grades"), r);
        for (String[] s : List.of(new String[] {"903000001", "seed-style"}, new String[] {"903000002", "pfn"})) {
            Path run = TestFiles.copyTree(Path.of("harness/src/test/resources/fixtures/submission", s[1]), tmp.resolve(s[1]));
            RenderPipeline.render(run);
            book.save(StudentGrade.of(new Who.Entry(s[0], "", run, "test"), "k", List.of(Scorer.score(r.rubric(), run)), 60));
        }
        book.export(List.of("903000001", "903000002"), List.of());
        List<String> csv = Files.readAllLines(tmp.resolve("grades/grades.csv"));
        assertEquals("id,name,total,max,needs_review,part1-memalloc,part1-pagemap,part1,build,memalloc,translate,vma,access,"
                + "minus_warnings,minus_crash,minus_unload,error", csv.get(0));
        assertEquals("903000001,,77,100,no,5,5,0,10,5,20,15,20,3,0,0,", csv.get(1));
        assertTrue(csv.get(2).startsWith("903000002,,0,100,no,"), csv.get(2));
        String report = Files.readString(tmp.resolve("grades/class-report.md"));
        assertTrue(report.contains("2 student(s) graded (2 in this grading's input)"), report);
        assertTrue(report.contains("- translate: logs the PFN instead of the PA: 1"), report);
        Path junit = tmp.resolve("grades/junit.xml");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("harness/src/test/resources/junit/junit.xsd").toFile()).newValidator()
                .validate(new StreamSource(junit.toFile()));
        assertEquals(2, Files.readString(junit).split("<testsuite ", -1).length - 1);
        for (String f : List.of("feedback.md", "feedback.html", "feedback.pdf", "grade.json")) {
            assertTrue(Files.size(tmp.resolve("grades/students/903000002").resolve(f)) > 0, f);
        }
    }
}
