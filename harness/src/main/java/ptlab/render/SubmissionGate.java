package ptlab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ptlab.analysis.OracleResult;
import ptlab.report.Block;
import ptlab.report.Section;
import ptlab.runfolder.PartOutcome;
import ptlab.runfolder.RunFolder;

/**
 * Whether a part of a submission has data worth judging: its folder is there, its outcome.json says RAN (or is
 * absent) and its raw files are complete. Otherwise the part's oracle fails with the verdict the harness
 * recorded (KERNEL_CRASH: ..., BUILD_FAILED: ...) and the section shows the evidence.
 */
final class SubmissionGate {
    private SubmissionGate() {
    }

    /** "AMBIGUOUS: candidates...; settle it with --part ..." when parts.json says {@code partId} has several candidates. */
    static Optional<String> ambiguous(RenderContext ctx, String partId) {
        String parts = RunFolder.SUBMISSION + "/" + ptlab.runfolder.SubmissionParts.FILE;
        if (!ctx.run.exists(parts)) {
            return Optional.empty();
        }
        return ptlab.runfolder.SubmissionParts.read(ctx.run.raw(parts)).parts().stream()
                .filter(p -> p.part().equals(partId) && p.ambiguous()).findFirst()
                .map(p -> PartOutcome.AMBIGUOUS + ": " + p.detail());
    }

    /**
     * The oracle of a part that was not judged, {@code why} its verdict line: failed, unless its part had several
     * candidates (AMBIGUOUS: a person decides, it is not the student's failure).
     */
    private static OracleResult notRun(String oracle, String why) {
        return why.startsWith(PartOutcome.AMBIGUOUS) ? OracleResult.needsReview(oracle, why) : OracleResult.fail(oracle, why);
    }

    /** raw/submission/&lt;part&gt;/&lt;file&gt;, relative to raw/. */
    static String file(String part, String file) {
        return RunFolder.SUBMISSION + "/" + part + "/" + file;
    }

    /**
     * One judged part: its section title, its folder under raw/submission/, its oracle, the files it needs, and
     * what builds its section once the gate lets it through.
     */
    record Part(String title, String part, String oracle, List<String> files,
            java.util.function.Function<RenderContext, Section> judge) {
    }

    /**
     * The part's section: judged when it ran and every file is there; else one that says why not, its oracle
     * failed with the verdict.
     *
     * @param buildFailure  the module's BUILD_FAILED line from parts.json, or empty
     */
    static Section section(RenderContext ctx, Part p, String buildFailure) {
        return blocked(ctx, p.title(), p.part(), p.oracle(), buildFailure, p.files()).orElseGet(() -> p.judge().apply(ctx));
    }

    private static Optional<Section> blocked(RenderContext ctx, String title, String part, String oracle, String buildFailure,
            List<String> files) {
        String dir = RunFolder.SUBMISSION + "/" + part;
        if (!ctx.run.hasDir(dir)) {
            String why = buildFailure.isEmpty() ? "NOT_RUN: raw/" + dir + "/ is absent" : buildFailure;
            ctx.oracle(notRun(oracle, why));
            return Optional.of(new Section(title, false, List.of(new Block.Paragraph(why + "."))));
        }
        if (ctx.run.exists(file(part, PartOutcome.FILE))) {
            PartOutcome o = PartOutcome.read(ctx.run.raw(file(part, PartOutcome.FILE)));
            if (!o.ran()) {
                ctx.oracle(notRun(oracle, o.headline()));
                List<Block> blocks = new ArrayList<>();
                blocks.add(new Block.Paragraph("The harness's drive of this part ended in " + o.headline() + "."));
                if (!o.evidence().isBlank()) {
                    blocks.add(new Block.Verbatim("Evidence (" + o.verdict() + ")", o.evidence().strip()));
                }
                List<String> where = ptlab.judge.OopsDecoder.decode(o, ctx.run.raw(RunFolder.SUBMISSION));
                if (!where.isEmpty()) {
                    blocks.add(new Block.Verbatim("Where in the student's code (their module's debug information)",
                            String.join("\n", where)));
                }
                return Optional.of(new Section(title, true, blocks));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String f : files) {
            if (!ctx.run.exists(file(part, f))) {
                missing.add("raw/" + file(part, f));
            }
        }
        if (!missing.isEmpty()) {
            String why = "raw files incomplete: missing " + String.join(", ", missing);
            ctx.oracle(OracleResult.fail(oracle, why));
            return Optional.of(new Section(title, false, List.of(new Block.Paragraph(why + "."))));
        }
        return Optional.empty();
    }
}
