package ptlab.render;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Cdf;
import ptlab.analysis.Fmt;
import ptlab.analysis.LatencyStats;
import ptlab.chart.CdfSeries;
import ptlab.chart.Figure;
import ptlab.chart.LatencyCdfFigure;
import ptlab.judge.TranslateJudge;
import ptlab.judge.TranslateJudge.Cls;
import ptlab.parse.KmsgParser;
import ptlab.parse.LongList;
import ptlab.parse.MarkedWindows;
import ptlab.parse.TruthCsvParser;
import ptlab.report.Block;
import ptlab.report.LatencyCaptions;
import ptlab.report.Section;
import ptlab.report.Tables;

/** Part 2.2 of a submission: the PA the student logged for each VA written, and the latency it logged. */
final class SubmissionTranslate {
    static final String TITLE = "Submission 2.2: VA->PA through /proc/lkp25p3";
    static final String PART = "translate";
    static final String STUDENT = "student's logged latency";
    static final String WRITE = "write() per VA, timed by the harness";

    private SubmissionTranslate() {
    }

    static final SubmissionGate.Part SPEC = new SubmissionGate.Part(TITLE, PART, TranslateJudge.NAME,
            List.of("kmsg.txt", "truth.csv"), SubmissionTranslate::judged);

    /** The section of a part that ran, with every file there. */
    private static Section judged(RenderContext ctx) {
        List<TruthCsvParser.Row> truth = TruthCsvParser.parse(ctx.run.raw(SubmissionGate.file(PART, "truth.csv")));
        List<MarkedWindows.Window> windows = MarkedWindows.between(KmsgParser.parse(ctx.run.raw(SubmissionGate.file(PART,
                "kmsg.txt"))), "ptlab: xlate begin", "ptlab: xlate end");
        TranslateJudge.Result r = TranslateJudge.judge(truth, windows);
        ctx.oracle(r.oracle());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(r.oracle().detail() + "."));
        List<List<String>> rows = new ArrayList<>();
        for (Cls c : Cls.values()) {
            int all = r.all().get(c);
            int huge = r.huge().get(c);
            rows.add(List.of(c.name(), Fmt.count(all), Fmt.count(all - huge), Fmt.count(huge)));
        }
        blocks.add(new Block.Table(List.of("class", "all VAs", "4 KiB pages", "THP-backed (huge=1)"), rows));
        if (!r.evidence().isEmpty()) {
            blocks.add(new Block.Verbatim("First mismatches, with the student's lines", String.join("\n", r.evidence())));
        }
        blocks.addAll(latency(ctx, truth, r));
        ctx.dataset("submission-translate.csv", List.of("i", "va", "pa", "huge", "errno", "write_ns", "class", "student_lat_ns",
                "student_cycles"), sink -> {
                    for (TranslateJudge.Answer a : r.answers()) {
                        TruthCsvParser.Row t = a.truth();
                        sink.row(Long.toString(t.i()), Fmt.hex(t.va()), Fmt.hex(t.pa()), t.huge() ? "1" : "0", Long.toString(t.errno()),
                                Long.toString(t.writeNs()), a.cls().name(), Fmt.num(a.latNs()), Fmt.num(a.cycles()));
                    }
                });
        return new Section(TITLE, true, blocks);
    }

    /** The student's latencies beside the harness's own write() times, or a line saying there are none. */
    private static List<Block> latency(RenderContext ctx, List<TruthCsvParser.Row> truth, TranslateJudge.Result r) {
        LongList writes = new LongList();
        truth.forEach(t -> writes.add(t.writeNs()));
        LatencyStats ws = LatencyStats.of(writes.toArray());
        LatencyStats cycles = r.cycles().length == 0 ? null : LatencyStats.of(r.cycles());
        List<Block> blocks = new ArrayList<>();
        if (r.latNs().length == 0) {
            blocks.add(new Block.Paragraph(LatencyCaptions.noStudentLatency(truth.size(), cycles, ws)));
            return blocks;
        }
        LatencyStats ss = LatencyStats.of(r.latNs());
        Cdf student = Cdf.of(STUDENT, r.latNs(), 1);
        Cdf write = Cdf.of(WRITE, writes.toArray(), 1);
        String title = ctx.author() + "-Submission-Lat-CDF";
        blocks.add(ctx.figure(LatencyCdfFigure.of(Figure.safeStem(title), "submission", title,
                LatencyCaptions.studentVsWrite(ss, ws, truth.size(), cycles, ctx.accel),
                List.of(new CdfSeries(student, 0, false), new CdfSeries(write, 1, true)))));
        blocks.add(Tables.latencyTable(List.of(STUDENT, WRITE), List.of(ss, ws)));
        ctx.dataset("submission-latency-cdf.csv", Tables.CDF_HEADER, Tables.cdfRows(List.of(student, write)));
        return blocks;
    }
}
