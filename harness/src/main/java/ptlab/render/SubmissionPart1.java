package ptlab.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ptlab.analysis.Cdf;
import ptlab.analysis.Fmt;
import ptlab.analysis.LatencyStats;
import ptlab.chart.CdfSeries;
import ptlab.chart.Figure;
import ptlab.chart.LatencyCdfFigure;
import ptlab.judge.Part1Judge;
import ptlab.judge.Part1Judge.Cls;
import ptlab.parse.KeyValueFile;
import ptlab.report.Block;
import ptlab.report.LatencyCaptions;
import ptlab.report.Section;
import ptlab.report.Tables;

/**
 * Part 1 of a submission: the student's memalloc run once per scheme argument, their pagemap run on it, and
 * the VA->PA pairs they logged checked against the harness's pagemap of the same process.
 */
final class SubmissionPart1 {
    static final String TITLE = "Submission Part 1: VA->PA through /proc/PID/pagemap";
    static final String PART = "part1";
    static final String STUDENT = "student's logged latency";

    private SubmissionPart1() {
    }

    static final SubmissionGate.Part SPEC = new SubmissionGate.Part(TITLE, PART, Part1Judge.NAME, List.of("driver.status"),
            SubmissionPart1::judged);

    private static Section judged(RenderContext ctx) {
        Path dir = ctx.run.raw(SubmissionGate.file(PART, ""));
        Map<String, String> driver = KeyValueFile.parse(dir.resolve("driver.status")).values();
        Part1Judge judge = new Part1Judge(driver.getOrDefault("user", "root"));
        StringBuilder excerpt = new StringBuilder();
        List<List<String>> runs = new ArrayList<>();
        for (Path d : Part1Runs.runDirs(dir)) {
            excerpt.append(Part1Runs.judge(d, judge));
            Part1Runs.Run r = Part1Runs.run(d);
            Map<String, String> m = r.memalloc();
            runs.add(List.of(r.name(), r.args().isEmpty() ? "(none)" : r.args(), ended(m), m.getOrDefault("rounds", "?") + " / "
                    + m.getOrDefault("samples", "0") + " / " + m.getOrDefault("newlines_fed", "0"), r.pagemap()));
        }
        Part1Judge.Result res = judge.result(excerpt.toString());
        ctx.oracle(res.oracle());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(res.oracle().detail() + "."));
        blocks.add(new Block.Paragraph("How the harness called the programs (guessed from their sources): "
                + Part1Runs.read(dir.resolve("ptlab-guess.txt")).strip() + ". They ran as " + driver.getOrDefault("user", "?")
                + " (as with sudo); the pagemap form that worked: " + driver.getOrDefault("pagemap_form", "") + "."));
        blocks.add(new Block.Table(List.of("run", "memalloc's arguments", "memalloc ended", "truth rounds / samples / newlines fed",
                "pagemap attempts"), runs));
        List<List<String>> classes = new ArrayList<>();
        for (Cls c : Cls.values()) {
            classes.add(List.of(c.name(), Fmt.count(res.counts().get(c))));
        }
        blocks.add(new Block.Table(List.of("class", "pairs"), classes));
        blocks.add(new Block.Table(List.of("run", "output", "form recognised", "pairs"), res.sources().stream()
                .map(s -> List.of(s.run(), s.name(), s.form().isEmpty() ? "none" : s.form(), Fmt.count(s.pairs()))).toList()));
        if (!res.evidence().isEmpty()) {
            blocks.add(new Block.Verbatim("First pairs not exact, with the student's lines", String.join("\n", res.evidence())));
        }
        if (res.pairs() == 0) {
            blocks.add(new Block.Verbatim("The student's output (first lines of each file)", excerpt.toString().strip()));
        }
        blocks.addAll(latency(ctx, res));
        return new Section(TITLE, true, blocks);
    }

    /** {@code exit 0}, {@code signal KILL (OOM killer)}, with the time limit when it struck. */
    private static String ended(Map<String, String> m) {
        String how = !m.getOrDefault("signal", "").isEmpty() ? "signal " + m.get("signal") : "exit " + m.getOrDefault("exit", "?");
        return how + ("1".equals(m.get("oom_killed")) ? " (OOM killer: the guest's memory is too small for the allocation)" : "")
                + ("1".equals(m.get("timed_out")) ? " (time limit)" : "") + ", " + m.getOrDefault("ran_s", "?") + " s";
    }

    private static List<Block> latency(RenderContext ctx, Part1Judge.Result r) {
        if (r.latNs().length == 0) {
            return List.of(new Block.Paragraph("No latency with a time unit in the student's output (a number followed by ns, us,"
                    + " µs or ms, or a latency column whose name gives the unit), so there is no latency figure"
                    + (r.cycles() > 0 ? "; " + Fmt.count(r.cycles()) + " were given in cycles" : "") + "."));
        }
        LatencyStats ss = LatencyStats.of(r.latNs());
        Cdf student = Cdf.of(STUDENT, r.latNs(), 1);
        String title = ctx.author() + "-Submission-Pagemap-Lat-CDF";
        List<Block> blocks = new ArrayList<>();
        blocks.add(ctx.figure(LatencyCdfFigure.of(Figure.safeStem(title), "submission", title,
                LatencyCaptions.studentPagemap(ss, r.pairs(), r.cycles(), ctx.accel), List.of(new CdfSeries(student, 0, false)))));
        blocks.add(Tables.latencyTable(List.of(STUDENT), List.of(ss)));
        ctx.dataset("submission-part1-latency-cdf.csv", Tables.CDF_HEADER, Tables.cdfRows(List.of(student)));
        return blocks;
    }
}
