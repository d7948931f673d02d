package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Section;
import java.util.ArrayList;
import java.util.List;
import ptlab.report.DamonCaptions;
import ptlab.analysis.DamonWitness;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;
import ptlab.parse.AccessParams;
import ptlab.parse.DamonTraceParser;
import ptlab.parse.KeyValueFile;
import ptlab.parse.MemallocOut;
import ptlab.parse.MemallocOutParser;
import ptlab.chart.Figure;
import ptlab.chart.HeatmapFigure;

/** Part 2.4, second witness: DAMON's regions of the access workload's buffer in a phase of their own. */
final class DamonSection {
    static final String TITLE = "Part 2: DAMON as a second witness";

    private DamonSection() {
    }

    static Section build(RenderContext ctx) {
        if (!ctx.run.hasDir("damon")) {
            return Section.notRun(TITLE, "raw/damon/ is absent");
        }
        List<String> missing = ctx.missing("damon/status.txt", "damon/params.txt");
        if (!missing.isEmpty()) {
            return ctx.incomplete(TITLE, missing);
        }
        KeyValueFile status = KeyValueFile.parse(ctx.run.raw("damon/status.txt"));
        if (status.num("available") == 0) {
            String why = status.values().getOrDefault("reason", "?");
            OracleResult r = ctx.oracle(OracleResult.notApplicable(DamonWitness.NAME, "not available on this kernel ("
                    + status.values().getOrDefault("kernel", "?") + "): " + why));
            return new Section(TITLE, true, List.of(new Block.Paragraph(r.detail() + ".")));
        }
        missing = ctx.missing("damon/memalloc.out", "damon/damon_aggregated.txt");
        if (!missing.isEmpty()) {
            return ctx.incomplete(TITLE, missing);
        }
        KeyValueFile kv = KeyValueFile.parse(ctx.run.raw("damon/params.txt"));
        long aggrUs = kv.num("aggr_us");
        long sampleUs = kv.num("sample_us");
        AccessParams p = new AccessParams(kv.num("size"), kv.num("hot_end"), kv.num("warm_start"), kv.num("warm_end"),
                kv.num("duration_s"), Math.max(1, aggrUs / 1000), Math.max(1, aggrUs / 1000), kv.str("thp"));
        MemallocOut mem = MemallocOutParser.parse(ctx.run.raw("damon/memalloc.out"));
        MemallocOut.Tagged head = mem.require("access");
        long base = Long.decode(head.kv().str("base"));
        List<DamonTraceParser.Aggregation> aggs = DamonTraceParser.parse(ctx.run.raw("damon/damon_aggregated.txt"));
        // runs from before the workload's own TLB flushes have no flush_ms
        int flushMs = (int) kv.numOr("flush_ms", 0);
        DamonWitness w = DamonWitness.judge(aggs, base, p, aggrUs, sampleUs,
                ptlab.Accelerator.emulated(ctx.accel), flushMs);
        ctx.oracle(w.oracle());
        String title = ctx.author() + "-DAMON-Regions";
        List<Block> blocks = new ArrayList<>();
        blocks.add(ctx.figure(HeatmapFigure.of(Figure.safeStem(title), title,
                DamonCaptions.damon(w, p, aggrUs, sampleUs, AccessSection.passes(mem),
                        mem.first("access_flush").map(t -> mem.num(t, "flushes")).orElse(0L), ctx.accel), w.map(), p,
                "sampled accesses per aggregation")));
        blocks.add(new Block.Table(List.of("region", "offsets", "aggregations seen accessed (cold: a region wholly in it)",
                "mean sampled accesses"),
                List.of(List.of("hot", "[0, " + Fmt.size(p.hotEnd()) + ")", Fmt.pct(w.share(w.hotSeen())),
                                Fmt.sig3(w.map().regions().hot())),
                        List.of("warm", "[" + Fmt.size(p.warmStart()) + ", " + Fmt.size(p.warmEnd()) + ")",
                                Fmt.pct(w.share(w.warmSeen())), Fmt.sig3(w.map().regions().warm())),
                        List.of("cold", "[" + Fmt.size(p.warmEnd()) + ", " + Fmt.size(p.size()) + ")",
                                Fmt.pct(w.share(w.coldSeen())), Fmt.sig3(w.map().regions().cold())))));
        ctx.dataset("damon-regions.csv", List.of("aggregation", "t_s", "start_offset", "end_offset", "nr_accesses", "age"),
                sink -> {
                    int i = 0;
                    for (DamonTraceParser.Aggregation a : aggs) {
                        i++;
                        for (DamonTraceParser.Region r : a.regions()) {
                            if (r.end() > base && r.start() < base + p.size()) {
                                sink.row(Integer.toString(i), Fmt.num(a.tS() - aggs.get(0).tS()),
                                        Long.toString(Math.max(r.start(), base) - base),
                                        Long.toString(Math.min(r.end(), base + p.size()) - base),
                                        Integer.toString(r.nrAccesses()), Integer.toString(r.age()));
                            }
                        }
                    }
                });
        return new Section(TITLE, true, blocks);
    }
}
