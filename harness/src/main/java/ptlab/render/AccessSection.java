package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Section;
import java.util.ArrayList;
import java.util.List;
import ptlab.report.AccessPasses;
import ptlab.analysis.Fmt;
import ptlab.analysis.HeatOracle;
import ptlab.analysis.Heatmap;
import ptlab.analysis.HeatmapBuilder;
import ptlab.report.HeatmapCaptions;
import ptlab.parse.AccessParams;
import ptlab.parse.HeatLog;
import ptlab.parse.HeatParser;
import ptlab.parse.MemallocOut;
import ptlab.parse.MemallocOutParser;
import ptlab.chart.Figure;
import ptlab.chart.HeatmapFigure;

/** Part 2.4: the accessed-bit heatmap of the 1 GiB buffer. */
final class AccessSection {
    static final String TITLE = "Part 2: page access heatmap";

    private AccessSection() {
    }

    static Section build(RenderContext ctx) {
        if (!ctx.run.hasDir("access")) {
            return Section.notRun(TITLE, "raw/access/ is absent");
        }
        List<String> missing = ctx.missing("access/params.txt", "access/memalloc.out", "kmsg.txt");
        if (!missing.isEmpty()) {
            return ctx.incomplete(TITLE, missing);
        }
        AccessParams p = AccessParams.parse(ctx.run.raw("access/params.txt"));
        MemallocOut mem = MemallocOutParser.parse(ctx.run.raw("access/memalloc.out"));
        HeatLog log = HeatParser.parse(ctx.kmsg);
        Heatmap h = HeatmapBuilder.build(log, p);
        ctx.oracle(HeatOracle.check(h, p));
        String title = ctx.author() + "-Access-Heatmap";
        List<Block> blocks = new ArrayList<>();
        blocks.add(ctx.figure(HeatmapFigure.of(Figure.safeStem(title), title, HeatmapCaptions.heatmap(h, p, passes(mem)), h, p)));
        blocks.add(new Block.Table(List.of("region", "offsets", "mean accesses/s per page"), List.of(
                List.of("hot", "[0, " + Fmt.size(p.hotEnd()) + ")", Fmt.sig3(h.regions().hot())),
                List.of("warm", "[" + Fmt.size(p.warmStart()) + ", " + Fmt.size(p.warmEnd()) + ")", Fmt.sig3(h.regions().warm())),
                List.of("cold", "[" + Fmt.size(p.warmEnd()) + ", " + Fmt.size(p.size()) + ")", Fmt.sig3(h.regions().cold())))));
        List<MemallocOut.Tagged> progress = mem.all("access");
        if (!progress.isEmpty()) {
            MemallocOut.Tagged last = progress.get(progress.size() - 1);
            blocks.add(new Block.Paragraph(Fmt.f("Workload progress (last of %d lines): t=%s s, %s hot passes, %s warm passes.",
                    progress.size(), last.kv().str("t", "?"), last.kv().str("hot_passes", "?"), last.kv().str("warm_passes", "?"))));
        }
        if (!h.problems().isEmpty()) {
            blocks.add(new Block.Paragraph("Incomplete reports (left out): " + String.join("; ", h.problems())
                    + (h.incomplete() > h.problems().size() ? "; ..." : "") + "."));
        }
        ctx.dataset("heatmap.csv", List.of("t_s", "offset_mib", "accesses_per_s"), sink -> {
            for (int c = 0; c < h.timesS().length; c++) {
                for (int row = 0; row < h.rows(); row++) {
                    sink.row(Fmt.num(h.timesS()[c]), Fmt.num(row * h.rowMiB()), Fmt.num(h.freq()[c][row]));
                }
            }
        });
        ctx.dataset("heat-regions.csv", List.of("region", "start_bytes", "end_bytes", "mean_accesses_per_s"), sink -> {
            sink.row("hot", "0", Long.toString(p.hotEnd()), Fmt.num(h.regions().hot()));
            sink.row("warm", Long.toString(p.warmStart()), Long.toString(p.warmEnd()), Fmt.num(h.regions().warm()));
            sink.row("cold", Long.toString(p.warmEnd()), Long.toString(p.size()), Fmt.num(h.regions().cold()));
            for (Heatmap.Range a : h.active()) {
                sink.row("active (found)", Long.toString(a.startBytes()), Long.toString(a.endBytes()), Fmt.num(a.meanFreq()));
            }
        });
        if (h.scanNsAvg() >= 0) {
            // the module's cost of one accessed-bit scan of the buffer, which campaigns compare across nights
            ctx.dataset("heat-scan.csv", List.of("scan_ns_avg", "scan_ns_max"), sink -> sink.row(Fmt.num(h.scanNsAvg()),
                    Long.toString(h.scanNsMax())));
        }
        return new Section(TITLE, true, blocks);
    }

    /** The workload's pass counts from its access_done line, or null when it did not finish one. */
    static AccessPasses passes(MemallocOut mem) {
        return mem.first("access_done").map(t -> new AccessPasses(mem.num(t, "elapsed_ms"),
                mem.num(t, "hot_passes"), mem.num(t, "warm_passes"), mem.num(t, "warm_late"),
                mem.first("access").map(a -> a.kv().has("warm_period_us") ? mem.num(a, "warm_period_us") : -1L).orElse(-1L)))
                .orElse(null);
    }
}
