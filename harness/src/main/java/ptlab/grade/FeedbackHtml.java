package ptlab.grade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptlab.render.Analysed;
import ptlab.render.RenderPipeline;
import ptlab.report.Block;
import ptlab.report.HtmlReport;
import ptlab.report.ReportModel;
import ptlab.report.Section;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;

/**
 * A student's feedback as one self-contained HTML file (figures embedded): the points item by item with the
 * judge's words, the deductions, then the sections of their run's report for each part: their own log lines
 * beside the harness's truth, the first mismatches, their figures beside the harness's. While an item is hidden
 * the run's sections are held back too (they would show what the item judges).
 */
final class FeedbackHtml {
    private FeedbackHtml() {
    }

    static String html(Rubric r, StudentGrade g, boolean release) {
        List<Section> sections = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        summary.add(Gradebook.num(g.total()) + " of " + Gradebook.num(g.max()) + " points"
                + (g.needsReview() ? " (not final: an item waits for a person)" : ""));
        summary.add("submission " + g.submission() + " (ID from " + g.how() + ")");
        Path figures = null;
        Scorer.Score low = g.scored();
        if (g.error() != null) {
            sections.add(new Section("The harness could not run this submission", true,
                    List.of(new Block.Verbatim("Why", g.error().strip()))));
        } else if (low != null) {
            boolean hidden = low.items().stream().anyMatch(Scorer.ItemScore::hidden) && !release;
            List<List<String>> rows = new ArrayList<>();
            for (Scorer.ItemScore it : low.items()) {
                boolean hide = it.hidden() && !release;
                rows.add(List.of(it.title(), hide ? "hidden" : Gradebook.num(it.points()) + " / " + Gradebook.num(it.max()),
                        hide ? "hidden until released" : it.status(), hide ? "" : it.why()));
            }
            List<Block> blocks = new ArrayList<>(List.of(new Block.Table(List.of("item", "points", "status", "why"), rows)));
            List<List<String>> off = low.deductions().stream().filter(d -> d.points() > 0)
                    .map(d -> List.of(d.title(), "-" + Gradebook.num(d.points()), d.why())).toList();
            if (!off.isEmpty()) {
                blocks.add(new Block.Table(List.of("deduction", "points", "why"), off));
            }
            sections.add(new Section("Points", true, blocks));
            Path run = Path.of(low.run());
            if (hidden) {
                summary.add("the parts' evidence is held back until the hidden items are released");
            } else if (Files.isDirectory(run.resolve(RunFolder.RAW))) {
                Analysed a = RenderPipeline.analyse(new RunFolder(run), Manifest.readIfPresent(run.resolve(RunFolder.MANIFEST)));
                sections.addAll(a.submissionSections());
                figures = run.resolve(RunFolder.FIGURES);
                summary.add("the run's full report: " + run.resolve(RunFolder.REPORT_HTML));
            }
        }
        return HtmlReport.render(new ReportModel(r.rubric() + ": " + g.id() + (g.name().isEmpty() ? "" : " (" + g.name() + ")"),
                summary, List.of(), sections), figures);
    }
}
