package ptlab.grade;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.render.RenderPipeline;
import ptlab.testing.TestFiles;

/** A student's feedback from a captured run: points and why, their run's evidence and figures; hidden items held back. */
class FeedbackTest {
    @TempDir
    Path tmp;

    private StudentGrade grade(Rubric r) throws Exception {
        return grade(r, "pfn");
    }

    private StudentGrade grade(Rubric r, String fixture) throws Exception {
        Path run = TestFiles.copyTree(Path.of("harness/src/test/resources/fixtures/submission", fixture), tmp.resolve(fixture));
        RenderPipeline.render(run);
        Scorer.Score s = Scorer.score(r, run);
        return StudentGrade.of(new Who.Entry("903000001", "smithjane", run, "test"), "k", List.of(s), 12);
    }

    @Test
    void theFeedbackShowsWhyAndTheStudentsOwnLines() throws Exception {
        Rubric r = Rubric.load(Path.of("experiments/rubrics/lkp25p3-quick.yaml")).rubric();
        StudentGrade g = grade(r);
        String md = Feedback.markdown(r, g, false);
        assertTrue(md.contains("| 2.2: the PA of every VA written to /proc/lkp25p3 | 0 / 20 | FAIL |"), md);
        assertTrue(md.contains("PFN 127"), md);
        String html = FeedbackHtml.html(r, g, false);
        assertTrue(html.contains("<h2>Points</h2>"), html);
        assertTrue(html.contains("Submission 2.2"), "the run's translate section: " + html);
        assertTrue(html.contains("kmsg.txt:"), "the student's own lines are quoted");
        String withFigures = FeedbackHtml.html(r, grade(r, "seed-style"), false);
        assertTrue(withFigures.contains("data:image/png;base64,"), "their latency CDF and heatmap, embedded");
    }

    @Test
    void aHiddenItemHoldsBackItsPointsAndTheRunsEvidence() throws Exception {
        Rubric shown = Rubric.load(Path.of("experiments/rubrics/lkp25p3-quick.yaml")).rubric();
        List<Rubric.Item> items = shown.items().stream().map(i -> i.id().equals("translate")
                ? new Rubric.Item(i.id(), i.title(), i.points(), i.oracle(), i.fullFrom(), i.noneBelow(), true) : i).toList();
        Rubric r = new Rubric(shown.rubric(), shown.assignment(), shown.spec(), shown.timeLimitS(), items, shown.deductions());
        StudentGrade g = grade(r);
        String md = Feedback.markdown(r, g, false);
        assertTrue(md.contains("| 2.2: the PA of every VA written to /proc/lkp25p3 | hidden | hidden until released |"), md);
        assertFalse(md.contains("PFN 127"), md);
        String html = FeedbackHtml.html(r, g, false);
        assertFalse(html.contains("Submission 2.2"), html);
        assertTrue(Feedback.markdown(r, g, true).contains("PFN 127"));
    }

    @Test
    void thePdfHoldsTheSameText() throws Exception {
        Rubric r = Rubric.load(Path.of("experiments/rubrics/lkp25p3-quick.yaml")).rubric();
        String md = Feedback.markdown(r, grade(r), false);
        Path pdf = tmp.resolve("feedback.pdf");
        FeedbackPdf.write(md + "\n" + "x".repeat(300) + " \u00b5s \u2192", pdf);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("0 of 100 points"), text);
            assertTrue(text.contains("PFN 127"), text);
            assertTrue(doc.getNumberOfPages() >= 1);
        }
    }
}
