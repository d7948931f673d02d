package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Section;
import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Fmt;
import ptlab.report.PagetableCaptions;
import ptlab.analysis.PagetableComparison;
import ptlab.parse.GetpfnCsvParser;
import ptlab.parse.GetpfnTable;
import ptlab.parse.MemallocOut;
import ptlab.parse.MemallocOutParser;
import ptlab.parse.PagemapCsvParser;
import ptlab.parse.PagemapTable;
import ptlab.parse.PagetableDump;
import ptlab.parse.PagetableDumpParser;
import ptlab.chart.PfnAgreementFigure;

/** The pagetable assignment: IOCTL_GET_PFN and the mapping dump against pagemap. */
final class PagetableSection {
    static final String TITLE = "Page table module: ioctl and mapping dump vs pagemap";

    private PagetableSection() {
    }

    static Section build(RenderContext ctx) {
        if (!ctx.run.hasDir("pagetable")) {
            return Section.notRun(TITLE, "raw/pagetable/ is absent");
        }
        List<String> missing = ctx.missing("pagetable/memalloc.out", "pagetable/pagemap.csv", "pagetable/getpfn.csv", "kmsg.txt");
        if (!missing.isEmpty()) {
            return ctx.incomplete(TITLE, missing);
        }
        MemallocOut mem = MemallocOutParser.parse(ctx.run.raw("pagetable/memalloc.out"));
        PagemapTable pagemap = PagemapCsvParser.parse(ctx.run.raw("pagetable/pagemap.csv")).sortedByVa();
        GetpfnTable getpfn = GetpfnCsvParser.parse(ctx.run.raw("pagetable/getpfn.csv"));
        long[] pages = mem.chunks().size() > 0 ? mem.chunks().pages() : pagemapPages(pagemap);
        long pid = mem.first("memalloc").filter(t -> t.kv().has("pid")).map(t -> mem.num(t, "pid")).orElse(-1L);
        PagetableDump dumps = PagetableDumpParser.parse(ctx.kmsg);
        PagetableDump.Dump dump = null;
        for (PagetableDump.Dump d : dumps.complete()) {
            if (pid < 0 || d.pid() == pid) {
                dump = d;
            }
        }
        String note = (dumps.incomplete() > 0 ? "; " + dumps.incomplete() + " incomplete dump(s) ignored" : "")
                + (dump != null && !dump.pagesAgree() ? "; the dump's pages= differs from the sum of its runs" : "");
        PagetableComparison cmp = PagetableComparison.compare(pages, pagemap, getpfn, dump, note);
        ctx.oracle(cmp.ioctlOracle());
        ctx.oracle(cmp.dumpOracle());
        List<Block> blocks = new ArrayList<>();
        blocks.add(ctx.figure(PfnAgreementFigure.of("pagetable-pfn-agreement", ctx.author() + "-Pagetable-PFN-Agreement",
                PagetableCaptions.pagetable(cmp, dump), cmp.rows(), dump)));
        if (dump != null) {
            PagetableDump.Dump d = dump;
            blocks.add(new Block.Table(List.of("pid", "comm", "VMAs", "runs", "pages", "kmsg line"), List.of(List.of(
                    Long.toString(d.pid()), d.comm(), Fmt.count(d.vmas()), Fmt.count(d.runs().size()), Fmt.count(d.pages()),
                    Integer.toString(d.beginLine())))));
            ctx.dataset("pagetable-dump-runs.csv", List.of("va", "pa", "pages", "level"), sink -> {
                for (PagetableDump.Run r : d.runs()) {
                    sink.row(Fmt.hex(r.va()), Fmt.hex(r.pa()), Long.toString(r.pages()), r.level().label());
                }
            });
        }
        ctx.dataset("pagetable-compare.csv", List.of("va", "pagemap_pfn", "ioctl_pfn", "ioctl_errno", "dump_pfn", "dump_level",
                "ioctl_agrees", "dump_agrees"), sink -> {
                    for (PagetableComparison.Row r : cmp.rows()) {
                        sink.row(Fmt.hex(r.va()), pfn(r.pagemapPfn()), pfn(r.ioctlPfn()), Long.toString(r.ioctlErrno()),
                                pfn(r.dumpPfn()), r.dumpLevel().label(), r.ioctlAgrees() ? "1" : "0", r.dumpAgrees() ? "1" : "0");
                    }
                });
        return new Section(TITLE, true, blocks);
    }

    private static long[] pagemapPages(PagemapTable t) {
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.va(i) & ~0xfffL;
        }
        return out;
    }

    private static String pfn(long p) {
        return p < 0 ? "" : Fmt.hex(p);
    }
}
