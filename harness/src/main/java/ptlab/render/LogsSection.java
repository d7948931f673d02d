package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Section;
import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Fmt;
import ptlab.analysis.KmsgLossOracle;
import ptlab.parse.KernLog;
import ptlab.parse.KernLogParser;
import ptlab.parse.KmsgLog;

/** Kernel log completeness: kmsg sequence gaps, and kern.log against kmsg for the modules' lines. */
final class LogsSection {
    static final String TITLE = "Kernel logs";
    static final String[] MODULES = {"lkp25p3", "pagetable"};

    private LogsSection() {
    }

    static Section build(RenderContext ctx) {
        KmsgLog kmsg = ctx.kmsg;
        if (kmsg == null) {
            return Section.notRun(TITLE, "raw/kmsg.txt is absent");
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("kmsg: " + ctx.oracle(KmsgLossOracle.check(kmsg)).detail() + "."));
        if (!kmsg.gaps().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (KmsgLog.Gap g : kmsg.gaps().subList(0, Math.min(20, kmsg.gaps().size()))) {
                rows.add(List.of(Long.toString(g.after()), Long.toString(g.before()), Long.toString(g.missing()), Integer.toString(g.line())));
            }
            blocks.add(new Block.Table(List.of("after seq", "before seq", "missing", "kmsg.txt line"), rows));
        }
        ctx.dataset("kmsg-gaps.csv", List.of("after_seq", "before_seq", "missing", "line"), sink -> {
            for (KmsgLog.Gap g : kmsg.gaps()) {
                sink.row(Long.toString(g.after()), Long.toString(g.before()), Long.toString(g.missing()), Integer.toString(g.line()));
            }
        });
        if (!ctx.run.exists("kern.log")) {
            blocks.add(new Block.Paragraph("kern.log: not collected."));
            return new Section(TITLE, true, blocks);
        }
        KernLog kern = KernLogParser.parse(ctx.run.kernLog());
        List<List<String>> rows = new ArrayList<>();
        boolean agree = true;
        for (String m : MODULES) {
            long k = kmsg.module(m).size();
            long l = kern.moduleCount(m);
            agree &= k == l;
            rows.add(List.of(m, Long.toString(k), Long.toString(l), k == l ? "yes" : "no"));
        }
        blocks.add(new Block.Paragraph(Fmt.f("kern.log: %s lines, %s kernel messages; module lines %s kmsg.",
                Fmt.count(kern.lines()), Fmt.count(kern.kernelMessages().size()), agree ? "agree with" : "DIFFER from")));
        blocks.add(new Block.Table(List.of("module", "kmsg.txt lines", "kern.log lines", "agree"), rows));
        ctx.dataset("log-agreement.csv", List.of("module", "kmsg_lines", "kern_log_lines", "agree"),
                sink -> rows.forEach(r -> sink.row(r.toArray(String[]::new))));
        return new Section(TITLE, true, blocks);
    }
}
