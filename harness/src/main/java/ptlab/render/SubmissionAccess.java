package ptlab.render;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Fmt;
import ptlab.analysis.Heatmap;
import ptlab.analysis.OracleResult;
import ptlab.chart.Figure;
import ptlab.chart.HeatmapFigure;
import ptlab.files.TextEnds;
import ptlab.judge.AccessJudge;
import ptlab.parse.MemallocStatus;
import ptlab.parse.StreamedWindow;
import ptlab.judge.Lines;
import ptlab.report.Block;
import ptlab.report.HeatmapCaptions;
import ptlab.report.Section;

/** Part 2.4 of a submission: the student's access reports as a heatmap, or its lines for a person to read. */
final class SubmissionAccess {
    static final String TITLE = "Submission 2.4: page access monitoring";
    static final String PART = "access";

    /** How much of each end of memalloc.out is read: its parameter line comes first, its last lines are shown. */
    static final int OUT_LIMIT = 1 << 20;

    private SubmissionAccess() {
    }

    static final SubmissionGate.Part SPEC = new SubmissionGate.Part(TITLE, PART, AccessJudge.NAME,
            List.of("kmsg.txt", "memalloc.status"), SubmissionAccess::judged);

    /** The section of a part that ran, with every file there; the kmsg and memalloc.out are never read whole. */
    private static Section judged(RenderContext ctx) {
        MemallocStatus status = MemallocStatus.parse(ctx.run.raw(SubmissionGate.file(PART, "memalloc.status")));
        TextEnds out = TextEnds.read(ctx.run.raw(SubmissionGate.file(PART, "memalloc.out")), OUT_LIMIT);
        StreamedWindow window = StreamedWindow.last(ctx.run.raw(SubmissionGate.file(PART, "kmsg.txt")), "ptlab: access begin",
                "ptlab: access end");
        if (window == null) {
            ctx.oracle(OracleResult.fail(AccessJudge.NAME, "no 'ptlab: access begin' marker in kmsg"));
            return new Section(TITLE, true, List.of(new Block.Paragraph("No access markers in kmsg.")));
        }
        String outNote = out.cut() ? "; memalloc.out is " + Fmt.size(out.bytes()) + ": only its first " + Fmt.size(OUT_LIMIT)
                + " read" : "";
        AccessJudge.Result r = AccessJudge.judge(window.begin(), window.end(), window, status, out.head(), outNote);
        ctx.oracle(r.oracle());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(r.oracle().detail() + "."));
        Heatmap h = r.heatmap();
        if (h != null) {
            String title = ctx.author() + "-Submission-Access-Heatmap";
            String caption = HeatmapCaptions.student(h, r.params(), r.form().label(), r.baseNote());
            blocks.add(ctx.figure(HeatmapFigure.of(Figure.safeStem(title), "submission", title, caption, h, r.params(),
                    "student's count per page")));
            ctx.dataset("submission-heatmap.csv", List.of("t_s", "offset_mib", "value_per_page"), sink -> {
                for (int c = 0; c < h.timesS().length; c++) {
                    for (int row = 0; row < h.rows(); row++) {
                        sink.row(Fmt.num(h.timesS()[c]), Fmt.num(row * h.rowMiB()), Fmt.num(h.freq()[c][row]));
                    }
                }
            });
        }
        blocks.add(new Block.Verbatim("The student's lines between the markers (first 12)", r.excerpt()));
        if (!out.tail().isBlank()) {
            blocks.add(new Block.Verbatim("memalloc.out (last 10 lines)", Lines.tail(out.tail(), 10)));
        }
        return new Section(TITLE, true, blocks);
    }
}
