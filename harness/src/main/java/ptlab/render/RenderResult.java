package ptlab.render;

import java.nio.file.Path;
import java.util.List;
import ptlab.analysis.OracleResult;

/**
 * What {@link RenderPipeline#render} did: every oracle's result, every file written (sorted) and the
 * figures with the part they belong to.
 */
public record RenderResult(List<OracleResult> oracles, List<Path> files, List<FigureFile> figures) {
    public RenderResult {
        oracles = List.copyOf(oracles);
        files = List.copyOf(files);
        figures = List.copyOf(figures);
    }

    /** No oracle failed (one that does not apply is no failure). */
    public boolean allPassed() {
        return oracles.stream().noneMatch(OracleResult::failed);
    }
}
