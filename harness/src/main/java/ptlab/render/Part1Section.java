package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Section;
import ptlab.report.Tables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptlab.GuestStart;
import ptlab.analysis.BatchMeans;
import ptlab.analysis.Cdf;
import ptlab.analysis.Contiguity;
import ptlab.analysis.Fmt;
import ptlab.report.LatencyCaptions;
import ptlab.analysis.LatencyStats;
import ptlab.report.LayoutCaptions;
import ptlab.analysis.PageRuns;
import ptlab.analysis.PagemapSanityOracle;
import ptlab.parse.MemallocOut;
import ptlab.parse.MemallocOutParser;
import ptlab.parse.PagemapCsvParser;
import ptlab.parse.PagemapTable;
import ptlab.runfolder.RunFolder;
import ptlab.chart.CdfSeries;
import ptlab.chart.Figure;
import ptlab.chart.LatencyCdfFigure;
import ptlab.chart.LayoutFigure;

/** Part 1: each allocation scheme's layout in VA and PA space, and the pagemap latency CDF. */
final class Part1Section {
    static final String TITLE = "Part 1: page table walk via /proc/pid/pagemap";

    private Part1Section() {
    }

    static Section build(RenderContext ctx) {
        if (!ctx.run.hasDir("part1")) {
            return Section.notRun(TITLE, "raw/part1/ is absent");
        }
        List<Block> blocks = new ArrayList<>();
        Map<String, LatencyStats> perPage = new LinkedHashMap<>();
        Map<String, LatencyStats> batched = new LinkedHashMap<>();
        Map<String, Double> huge = new LinkedHashMap<>();
        List<CdfSeries> series = new ArrayList<>();
        List<Cdf> cdfs = new ArrayList<>();
        List<List<String>> contiguityRows = new ArrayList<>();
        List<List<String>> contiguityData = new ArrayList<>();
        List<List<String>> allocRows = new ArrayList<>();
        long atFloor = 0;
        int color = 0;
        for (String scheme : RunFolder.SCHEMES) {
            String dir = "part1/" + scheme + "/";
            if (!ctx.run.hasDir("part1/" + scheme)) {
                continue;
            }
            List<String> missing = ctx.missing(dir + "memalloc.out", dir + "pagemap-per-page.csv", dir + "pagemap-batched.csv");
            if (!missing.isEmpty()) {
                blocks.addAll(ctx.incomplete("part1 " + scheme, missing).blocks());
                continue;
            }
            MemallocOut mem = MemallocOutParser.parse(ctx.run.raw(dir + "memalloc.out"));
            allocRows.add(allocRow(scheme, mem));
            PagemapTable t = PagemapCsvParser.parse(ctx.run.raw(dir + "pagemap-per-page.csv")).sortedByVa();
            PageRuns runs = PageRuns.of(t);
            Contiguity c = Contiguity.of(t, runs);
            ctx.oracle(PagemapSanityOracle.check(scheme, c));
            contiguityRows.add(contiguityRow(scheme, c));
            contiguityData.add(contiguityData(scheme, c));
            String stem = "part1-layout-" + scheme;
            blocks.add(ctx.figure(LayoutFigure.of(stem, ctx.author() + "-Layout-" + scheme,
                    (LayoutCaptions.layout(scheme, c) + " " + LayoutCaptions.independence(
                            GuestStart.ofLabel(ctx.manifest.guestStart()))).trim(), t, runs)));
            ctx.dataset("part1-" + scheme + "-runs.csv", List.of("start_va", "start_pa", "pages"), sink -> {
                for (int i = 0; i < runs.count(); i++) {
                    sink.row(Fmt.hex(runs.startVa(i)), Fmt.hex(runs.startPfn(i) << 12), Long.toString(runs.length(i)));
                }
            });
            long[] lat = t.latencies();
            perPage.put(scheme, LatencyStats.of(lat));
            huge.put(scheme, c.hugeFraction());
            Cdf cp = Cdf.of(scheme + " per-page", lat, 1);
            PagemapTable b = PagemapCsvParser.parse(ctx.run.raw(dir + "pagemap-batched.csv")).sortedByVa();
            long[] blat = b.latencies();
            batched.put(scheme, LatencyStats.of(blat));
            // every entry of a batch carries the batch's mean: one point per batch, not a step curve
            Cdf cb = Cdf.points(scheme + " batched, per-batch means", BatchMeans.of(b.vas(), blat), 1);
            atFloor += cp.atFloor() + cb.atFloor();
            series.add(new CdfSeries(cp, color, false));
            series.add(CdfSeries.points(cb, color));
            cdfs.add(cp);
            cdfs.add(cb);
            color++;
        }
        if (perPage.isEmpty()) {
            blocks.add(0, new Block.Paragraph("No scheme has complete raw files."));
            return new Section(TITLE, true, blocks);
        }
        String cdfTitle = ctx.author() + "-Pagemap-Lat-CDF";
        blocks.add(ctx.figure(LatencyCdfFigure.of(Figure.safeStem(cdfTitle), "part1", cdfTitle,
                LatencyCaptions.pagemapCdf(perPage, batched, huge, atFloor, ctx.accel), series)));
        blocks.add(new Block.Table(List.of("scheme", "size", "chunks", "thp", "alloc", "touch"), allocRows));
        blocks.add(new Block.Table(List.of("scheme", "pages", "VA segments", "PA-contiguous pairs", "runs", "largest run (pages)",
                "in THP", "not present", "zero page"), contiguityRows));
        List<String> names = new ArrayList<>();
        List<LatencyStats> stats = new ArrayList<>();
        perPage.forEach((s, st) -> {
            names.add(s + " per-page");
            stats.add(st);
            names.add(s + " batched");
            stats.add(batched.get(s));
        });
        blocks.add(Tables.latencyTable(names, stats));
        ctx.dataset("part1-contiguity.csv", List.of("scheme", "pages", "present", "pfn_hidden", "zero_page", "thp", "va_segments",
                "va_pairs", "phys_pairs", "contiguous_fraction", "runs", "largest_run_pages", "huge_fraction", "min_pa", "max_pa"),
                sink -> contiguityData.forEach(r -> sink.row(r.toArray(String[]::new))));
        ctx.dataset("part1-latency.csv", Tables.LATENCY_HEADER, sink -> {
            for (int i = 0; i < names.size(); i++) {
                sink.row(Tables.latencyCells(names.get(i), stats.get(i)).toArray(String[]::new));
            }
        });
        ctx.dataset("part1-latency-cdf.csv", Tables.CDF_HEADER, Tables.cdfRows(cdfs));
        return new Section(TITLE, true, blocks);
    }

    private static List<String> allocRow(String scheme, MemallocOut mem) {
        MemallocOut.Tagged m = mem.require("memalloc");
        return List.of(scheme, Fmt.size(mem.num(m, "size")), Fmt.count(mem.num(m, "chunks")), m.kv().str("thp", "?"),
                Fmt.f("%s ms", Fmt.sig3(mem.num(m, "alloc_ns") / 1e6)), Fmt.f("%s ms", Fmt.sig3(mem.num(m, "touch_ns") / 1e6)));
    }

    private static List<String> contiguityRow(String scheme, Contiguity c) {
        return List.of(scheme, Fmt.count(c.pages()), Fmt.count(c.vaSegments()),
                Fmt.pct(c.contiguousFraction()), Fmt.count(c.runs()), Fmt.count(c.largestRun()), Fmt.pct(c.hugeFraction()),
                Fmt.count(c.pages() - c.present()), Fmt.count(c.zeroPage()));
    }

    private static List<String> contiguityData(String scheme, Contiguity c) {
        return List.of(scheme, Long.toString(c.pages()), Long.toString(c.present()), Long.toString(c.pfnHidden()),
                Long.toString(c.zeroPage()), Long.toString(c.thp()), Long.toString(c.vaSegments()), Long.toString(c.vaPairs()),
                Long.toString(c.physPairs()), Fmt.num(c.contiguousFraction()), Long.toString(c.runs()),
                Long.toString(c.largestRun()), Fmt.num(c.hugeFraction()), c.minPa() < 0 ? "" : Fmt.hex(c.minPa()),
                c.maxPa() < 0 ? "" : Fmt.hex(c.maxPa()));
    }
}
