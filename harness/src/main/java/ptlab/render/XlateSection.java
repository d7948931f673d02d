package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Section;
import ptlab.report.Tables;
import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.BatchMeans;
import ptlab.report.LatencyCaptions;
import ptlab.analysis.Cdf;
import ptlab.analysis.Fmt;
import ptlab.analysis.LatencyStats;
import ptlab.analysis.XlateComparison;
import ptlab.parse.GuestInfoReader;
import ptlab.parse.LongList;
import ptlab.parse.MemallocOut;
import ptlab.parse.MemallocOutParser;
import ptlab.parse.PagemapCsvParser;
import ptlab.parse.PagemapTable;
import ptlab.parse.XlateParser;
import ptlab.parse.WriteLatCsvParser;
import ptlab.parse.XlateRecord;
import ptlab.chart.CdfSeries;
import ptlab.chart.Figure;
import ptlab.chart.LatencyCdfFigure;
import ptlab.runfolder.RunFolder;

/** Part 2.2: lkp25p3's VA->PA translations against pagemap on the same pages. */
public final class XlateSection {
    static final String TITLE = "Part 2: module translation vs pagemap";
    /** Series names of the datasets; the campaign report and reproduce read the first three. */
    static final String WALK = "lkp25p3 walk";
    static final String PER_PAGE = "pagemap per-page";
    static final String WRITE = "lkp25p3 write() per VA";
    public static final String CLOCK = "empty ktime_get_ns() pair";
    public static final String WALK_NET = "lkp25p3 walk minus clock pair";
    /** Reproduce compares no batched series (a handful of points has no shape). */
    static final String BATCH_MEANS = "pagemap batched, per-batch means";

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
        LongList walk = new LongList();
        LongList clk = new LongList();
        long notAboveClock = 0;
        for (XlateRecord r : module) {
            if (!r.failed()) {
                ok.add(r.latNs());
                walk.add(r.walkNs());
                if (r.clkNs() >= 0) {
                    clk.add(r.clkNs());
                    notAboveClock += r.latNs() <= r.clkNs() ? 1 : 0;
                }
            }
        }
        long[] moduleLat = ok.toArray();
        // pagemap covered the whole buffer; compare on exactly the pages the module translated
        long[] perPageLat = latenciesAt(perPage, module);
        long[] batchedLat = latenciesAt(batched, module);
        long[] batchMeans = BatchMeans.of(vasAt(batched, module), batchedLat);
        WriteLatCsvParser.Writes writes = ctx.run.exists("xlate/write-lat.csv")
                ? WriteLatCsvParser.parse(ctx.run.raw("xlate/write-lat.csv")) : null;
        long[] writeLat = writes == null ? new long[0] : writes.singleVa();
        LatencyStats ms = LatencyStats.of(moduleLat);
        LatencyStats ws = LatencyStats.of(walk.toArray());
        LatencyStats cs = clk.size() == 0 ? null : LatencyStats.of(clk.toArray());
        LatencyStats ps = LatencyStats.of(perPageLat);
        LatencyStats bs = LatencyStats.of(batchedLat);
        LatencyStats bms = LatencyStats.of(batchMeans);
        LatencyStats wrs = writeLat.length == 0 ? null : LatencyStats.of(writeLat);
        // the figure: the syscalls solid, the walks dashed and as points; the dataset also keeps the raw walk
        Cdf cm = Cdf.of(WALK, moduleLat, 1);
        Cdf cw = cs == null ? cm : Cdf.of(WALK_NET, walk.toArray(), 1);
        Cdf cp = Cdf.of(PER_PAGE, perPageLat, 1);
        Cdf cb = Cdf.points(BATCH_MEANS, batchMeans, 1);
        List<CdfSeries> series = new ArrayList<>();
        List<Cdf> cdfs = new ArrayList<>();
        if (wrs != null) {
            Cdf cwr = Cdf.of(WRITE, writeLat, 1);
            series.add(new CdfSeries(cwr, 1, false));
            cdfs.add(cwr);
        }
        series.add(new CdfSeries(cp, 0, false));
        series.add(new CdfSeries(cw, 1, true));
        series.add(CdfSeries.points(cb, 2));
        cdfs.addAll(List.of(cp, cm));
        if (cs != null) {
            cdfs.addAll(List.of(Cdf.of(CLOCK, clk.toArray(), 1), cw));
        }
        cdfs.add(cb);
        String clocksource = guestText(ctx, "clocksource.txt");
        String title = ctx.author() + "-Module-vs-Pagemap-Lat-CDF";
        List<Block> blocks = new ArrayList<>();
        blocks.add(ctx.figure(LatencyCdfFigure.of(Figure.safeStem(title), "part2", title,
                LatencyCaptions.moduleVsPagemap(wrs, ps, ws, cs, notAboveClock, bms, clocksource, ctx.accel), series)));
        List<String> names = new ArrayList<>();
        List<LatencyStats> stats = new ArrayList<>();
        if (wrs != null) {
            names.add(WRITE);
            stats.add(wrs);
        }
        names.addAll(List.of(PER_PAGE, WALK));
        stats.addAll(List.of(ps, ms));
        if (cs != null) {
            names.addAll(List.of(CLOCK, WALK_NET));
            stats.addAll(List.of(cs, ws));
        }
        names.addAll(List.of("pagemap batched", BATCH_MEANS));
        stats.addAll(List.of(bs, bms));
        blocks.add(Tables.latencyTable(names, stats));
        if (writes != null && wrs == null) {
            blocks.add(new Block.Paragraph(Fmt.f("write-lat.csv holds %s writes of up to %s VAs each: set the xlate workload's"
                    + " batch to 1 for the syscall-to-syscall comparison.", Fmt.count(writes.va().length),
                    Fmt.count(writes.maxVas()))));
        }
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
            for (int i = 0; i < names.size(); i++) {
                sink.row(Tables.latencyCells(names.get(i), stats.get(i)).toArray(String[]::new));
            }
        });
        ctx.dataset("xlate-latency-cdf.csv", Tables.CDF_HEADER, Tables.cdfRows(cdfs));
        return new Section(TITLE, true, blocks);
    }

    private static String pa(long pa) {
        return pa < 0 ? "" : Fmt.hex(pa);
    }

    /** raw/guest/NAME's text, or empty when the run did not record it. */
    private static String guestText(RenderContext ctx, String name) {
        String rel = RunFolder.GUEST + "/" + name;
        return ctx.run.exists(rel) ? GuestInfoReader.read(ctx.run.guestInfo()).getOrDefault(name, "") : "";
    }

    /** VAs of the rows of {@code table} for the pages the module translated successfully, as {@link #latenciesAt}. */
    static long[] vasAt(PagemapTable table, List<XlateRecord> module) {
        LongList out = new LongList();
        for (XlateRecord r : module) {
            if (!r.failed()) {
                int i = table.indexOfPage(r.va());
                if (i >= 0) {
                    out.add(table.va(i));
                }
            }
        }
        return out.toArray();
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
