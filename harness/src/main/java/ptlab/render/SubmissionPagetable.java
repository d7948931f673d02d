package ptlab.render;

import java.util.ArrayList;
import java.util.List;
import ptlab.judge.Lines;
import ptlab.judge.PagetableJudge;
import ptlab.parse.KmsgParser;
import ptlab.parse.MarkedWindows;
import ptlab.parse.PagemapCsvParser;
import ptlab.report.Block;
import ptlab.report.Section;

/** The pagetable assignment's Part A of a submission: the student's dump of a process the harness holds. */
final class SubmissionPagetable {
    static final String TITLE = "Submission pagetable A: VA->PA dump of a process";
    static final String PART = "pagetable";

    private SubmissionPagetable() {
    }

    static final SubmissionGate.Part SPEC = new SubmissionGate.Part(TITLE, PART, PagetableJudge.NAME,
            List.of("kmsg.txt", "truth-before.csv", "truth.csv"), SubmissionPagetable::judged);

    private static Section judged(RenderContext ctx) {
        List<MarkedWindows.Window> windows = MarkedWindows.between(KmsgParser.parse(ctx.run.raw(SubmissionGate.file(PART,
                "kmsg.txt"))), "ptlab: pagetable begin", "ptlab: pagetable end");
        List<MarkedWindows.Line> lines = windows.isEmpty() ? List.of() : windows.get(windows.size() - 1).lines();
        PagetableJudge.Result r = PagetableJudge.judge(PagemapCsvParser.parse(ctx.run.raw(SubmissionGate.file(PART,
                "truth-before.csv"))), PagemapCsvParser.parse(ctx.run.raw(SubmissionGate.file(PART, "truth.csv"))), lines);
        ctx.oracle(windows.isEmpty() ? ptlab.analysis.OracleResult.fail(PagetableJudge.NAME,
                "no 'ptlab: pagetable begin' marker in kmsg") : r.oracle());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(lines.size() + " line(s) logged while the module loaded. " + r.oracle().detail() + "."));
        if (!r.evidence().isEmpty()) {
            blocks.add(new Block.Verbatim("First wrong pages, with the student's lines", String.join("\n", r.evidence())));
        }
        blocks.add(new Block.Verbatim("The student's first lines", Lines.excerpt(lines, 12)));
        return new Section(TITLE, true, blocks);
    }
}
