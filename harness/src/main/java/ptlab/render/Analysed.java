package ptlab.render;

import ptlab.report.Section;
import java.util.List;
import java.util.Optional;
import ptlab.analysis.OracleResult;
import ptlab.parse.KmsgLog;

/** The first half of a render ({@link RenderPipeline#analyse}): oracles decided, figures written. */
public final class Analysed {
    final RenderContext ctx;
    final List<Section> sections;

    Analysed(RenderContext ctx, List<Section> sections) {
        this.ctx = ctx;
        this.sections = List.copyOf(sections);
    }

    public List<OracleResult> oracles() {
        return List.copyOf(ctx.oracles);
    }

    /** The sections of a submission's parts, with the student's lines and figures (what a student's feedback shows). */
    public List<Section> submissionSections() {
        return sections.stream().filter(s -> s.title().startsWith("Submission")).toList();
    }

    /** raw/kmsg.txt, parsed once for the report and the manifest; empty when absent. */
    public Optional<KmsgLog> kmsg() {
        return Optional.ofNullable(ctx.kmsg);
    }
}
