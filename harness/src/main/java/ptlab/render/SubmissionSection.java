package ptlab.render;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.OracleResult;
import ptlab.judge.BuildJudge;
import ptlab.judge.WalkSymbols;
import ptlab.report.Block;
import ptlab.report.Section;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.SubmissionParts;

/**
 * A student's submission driven through the assignment's own interfaces (raw/submission/): the parts found and
 * how they built, then each part of Part 2 judged from the student's own log lines, and last what a person must
 * read because no judge could. Runs only when raw/submission/ exists.
 */
final class SubmissionSection {
    static final String PARTS_TITLE = "Submission: parts found and builds";
    static final String REVIEW_TITLE = "Submission: needs review";
    /** The part of parts.json that holds the kernel module every Part 2 oracle drives. */
    static final String MODULE = "lkp25p3";
    /** The judged parts, in report order: a new part is one class and one line here. */
    static final List<SubmissionGate.Part> PARTS = List.of(SubmissionPart1.SPEC, SubmissionTranslate.SPEC, SubmissionVma.SPEC,
            SubmissionAccess.SPEC, SubmissionPagetable.SPEC, SubmissionIoctl.PROBE, SubmissionIoctl.USER);

    private SubmissionSection() {
    }

    static boolean present(RenderContext ctx) {
        return ctx.run.hasDir(RunFolder.SUBMISSION);
    }

    static List<Section> build(RenderContext ctx) {
        List<Section> out = new ArrayList<>();
        String buildFailure = "";
        String partsFile = RunFolder.SUBMISSION + "/" + SubmissionParts.FILE;
        List<String> trials = new SubmissionParts("", null).trials();
        if (ctx.run.exists(partsFile)) {
            SubmissionParts parts = SubmissionParts.read(ctx.run.raw(partsFile));
            trials = parts.trials();
            out.add(parts(ctx, parts));
            buildFailure = parts.parts().stream().filter(p -> p.part().equals(MODULE)).findFirst()
                    .filter(p -> !p.found() || p.build() != null && p.build().verdict().equals(SubmissionParts.Build.FAILED))
                    .map(p -> BuildJudge.judge(p).detail()).orElse("");
        } else {
            out.add(Section.notRun(PARTS_TITLE, "raw/" + partsFile + " is absent"));
        }
        int before = ctx.oracles.size();
        for (SubmissionGate.Part p : PARTS) {
            if (trials.contains(p.part())) {
                out.add(SubmissionGate.section(ctx, p, p.part().equals(SubmissionPagetable.PART) || p.part().equals(SubmissionPart1.PART) ? "" : buildFailure));
            }
        }
        out.add(review(ctx.oracles.subList(before, ctx.oracles.size())));
        return out;
    }

    private static Section parts(RenderContext ctx, SubmissionParts parts) {
        List<List<String>> rows = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (SubmissionParts.Part p : parts.parts()) {
            ctx.oracle(BuildJudge.judge(p));
            SubmissionParts.Build b = p.build();
            rows.add(List.of(p.part(), p.state(), p.detail(), b == null ? "" : b.verdict(), b == null ? "" : b.builtBy(),
                    b == null ? "" : BuildJudge.warnings(b)));
        }
        blocks.add(new Block.Paragraph("Assignment " + parts.assignment() + ": " + parts.parts().size()
                + " part(s). Warnings are listed, never failing."));
        blocks.add(new Block.Table(List.of("part", "state", "why", "build", "built by", "warnings"), rows));
        String symbols = RunFolder.SUBMISSION + "/module-symbols.txt";
        if (ctx.run.exists(symbols)) {
            try {
                blocks.add(new Block.Paragraph(WalkSymbols.sentence(java.nio.file.Files.readString(ctx.run.raw(symbols)))));
            } catch (java.io.IOException e) {
                blocks.add(new Block.Paragraph("raw/" + symbols + " unreadable: " + e.getMessage()));
            }
        }
        for (SubmissionParts.Part p : parts.parts()) {
            SubmissionParts.Build b = p.build();
            if (b != null && !b.excerpt().isBlank()) {
                blocks.add(new Block.Verbatim(p.part() + ": " + b.verdict() + " (compiler excerpt)", b.excerpt().strip()));
            }
        }
        return new Section(PARTS_TITLE, true, blocks);
    }

    /** Every oracle of the submission that a person must judge, or a line saying there is none. */
    private static Section review(List<OracleResult> oracles) {
        List<OracleResult> review = oracles.stream().filter(o -> o.status() == OracleResult.Status.NEEDS_REVIEW).toList();
        if (review.isEmpty()) {
            return new Section(REVIEW_TITLE, true, List.of(new Block.Paragraph("Nothing: every part was judged.")));
        }
        List<List<String>> rows = review.stream().map(o -> List.of(o.name(), o.detail())).toList();
        return new Section(REVIEW_TITLE, true, List.of(new Block.Paragraph(review.size()
                + " check(s) read lines no judge understands; their sections above quote the lines."),
                new Block.Table(List.of("check", "what to read"), rows)));
    }
}
