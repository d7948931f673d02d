package ptlab.report;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Captions;
import ptlab.analysis.Cdf;
import ptlab.analysis.Fmt;
import ptlab.analysis.LatencyStats;
import ptlab.analysis.XlateComparison;
import ptlab.parse.LongList;
import ptlab.parse.MemallocOut;
import ptlab.parse.MemallocOutParser;
import ptlab.parse.PagemapCsvParser;
import ptlab.parse.PagemapTable;
import ptlab.parse.XlateParser;
import ptlab.parse.XlateRecord;
import ptlab.render.CdfSeries;
import ptlab.render.Figure;
import ptlab.render.LatencyCdfFigure;

/** Part 2.2: lkp25p3's VA->PA translations against pagemap on the same pages. */
final class XlateSection {
    static final String TITLE = "Part 2: module translation vs pagemap";

    private XlateSection() {
    }

    static Section build(RenderContext ctx) {
        if (!ctx.run.hasDir("xlate")) {
            return Section.notRun(TITLE, "raw/xlate/ is absent");
        }
        List<String> missing = ctx.missing("xlate/memalloc.out", "xlate/pagemap-per-page.csv", "xlate/pagemap-batched.csv", "kmsg.txt");
        if (!missing.isEmpty()) {
            return ctx.incomplete(TITLE, missing);
        }
        MemallocOut mem = MemallocOutParser.parse(ctx.run.raw("xlate/memalloc.out"));
        long written = mem.first("xlate").map(t -> mem.num(t, "written")).orElse(-1L);
        PagemapTable perPage = PagemapCsvParser.parse(ctx.run.raw("xlate/pagemap-per-page.csv")).sortedByVa();
        PagemapTable batched = PagemapCsvParser.parse(ctx.run.raw("xlate/pagemap-batched.csv")).sortedByVa();
        List<XlateRecord> module = XlateParser.parse(ctx.kmsg);
        XlateComparison cmp = XlateComparison.compare(module, perPage, batched, written);
        ctx.oracle(cmp.oracle());

        LongList ok = new LongList();
        for (XlateRecord r : module) {
            if (!r.failed()) {
                ok.add(r.latNs());
            }
        }
        long[] moduleLat = ok.toArray();
        // pagemap covered the whole buffer; compare on exactly the pages the module translated
        long[] perPageLat = latenciesAt(perPage, module);
        long[] batchedLat = latenciesAt(batched, module);
        LatencyStats ms = LatencyStats.of(moduleLat);
        LatencyStats ps = LatencyStats.of(perPageLat);
        LatencyStats bs = LatencyStats.of(batchedLat);
        Cdf cm = Cdf.of("lkp25p3 walk", moduleLat, 1);
        Cdf cp = Cdf.of("pagemap per-page", perPageLat, 1);
        Cdf cb = Cdf.of("pagemap batched", batchedLat, 1);
        String title = ctx.author() + "-Module-vs-Pagemap-Lat-CDF";
        List<Block> blocks = new ArrayList<>();
        blocks.add(ctx.figure(LatencyCdfFigure.of(Figure.safeStem(title), "part2", title,
                Captions.moduleVsPagemap(ms, ps, bs, ctx.accel),
                List.of(new CdfSeries(cm, 1, false), new CdfSeries(cp, 0, false), new CdfSeries(cb, 2, true)))));
        blocks.add(Tables.latencyTable(List.of("lkp25p3 walk", "pagemap per-page", "pagemap batched"), List.of(ms, ps, bs)));
        mem.first("xlate").ifPresent(t -> blocks.add(new Block.Paragraph(Fmt.f(
                "The workload wrote %s VAs from %s (%s pages, %s write errors); kmsg holds %s translations, %s of them failed.",
                Fmt.count(written), t.kv().str("base", "?"), t.kv().str("pages", "?"), t.kv().str("errors", "?"),
                Fmt.count(module.size()), Fmt.count(module.size() - moduleLat.length)))));
        ctx.dataset("xlate-compare.csv", List.of("va", "module_pa", "level", "module_lat_ns", "module_err", "pagemap_pa",
                "batched_pa", "status"), sink -> {
                    for (XlateComparison.Row r : cmp.rows()) {
                        sink.row(Fmt.hex(r.va()), pa(r.modulePa()), r.level().label(), Long.toString(r.moduleLatNs()), r.moduleErr(),
                                pa(r.pagemapPa()), pa(r.batchedPa()), r.status());
                    }
                });
        ctx.dataset("xlate-latency.csv", Tables.LATENCY_HEADER, sink -> {
            sink.row(Tables.latencyCells("lkp25p3 walk", ms).toArray(String[]::new));
            sink.row(Tables.latencyCells("pagemap per-page", ps).toArray(String[]::new));
            sink.row(Tables.latencyCells("pagemap batched", bs).toArray(String[]::new));
        });
        ctx.dataset("xlate-latency-cdf.csv", Tables.CDF_HEADER, Tables.cdfRows(List.of(cm, cp, cb)));
        return new Section(TITLE, true, blocks);
    }

    private static String pa(long pa) {
        return pa < 0 ? "" : Fmt.hex(pa);
    }

    /** Latencies of the rows of {@code table} for the pages the module translated successfully. */
    static long[] latenciesAt(PagemapTable table, List<XlateRecord> module) {
        LongList out = new LongList();
        for (XlateRecord r : module) {
            if (!r.failed()) {
                int i = table.indexOfPage(r.va());
                if (i >= 0) {
                    out.add(table.latNs(i));
                }
            }
        }
        return out.toArray();
    }
}
