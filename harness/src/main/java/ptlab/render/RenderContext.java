package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Csv;
import ptlab.report.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ptlab.Accelerator;
import ptlab.analysis.OracleResult;
import ptlab.parse.KmsgLog;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;
import ptlab.chart.Figure;
import ptlab.chart.FigureWriter;

/**
 * What the section builders share: the inputs every section reads (manifest, kmsg) and the outputs
 * they add to. Figures and datasets are written at once so no section keeps big tables alive.
 */
final class RenderContext {
    final RunFolder run;
    final Manifest manifest;
    final Optional<Accelerator> accel;
    /** Null when raw/kmsg.txt is absent. */
    final KmsgLog kmsg;
    final Path figuresDir;
    final Path datasetsDir;
    final List<Path> written = new ArrayList<>();
    final List<FigureFile> figures = new ArrayList<>();
    final List<OracleResult> oracles = new ArrayList<>();

    RenderContext(RunFolder run, Manifest manifest, KmsgLog kmsg) {
        this.run = run;
        this.manifest = manifest;
        this.accel = Accelerator.ofLabel(manifest.accelerator());
        this.kmsg = kmsg;
        this.figuresDir = run.figures();
        this.datasetsDir = run.datasets();
    }

    Block.FigureRef figure(Figure f) {
        written.addAll(FigureWriter.write(f, figuresDir));
        figures.add(new FigureFile(f.stem(), f.part(), figuresDir.resolve(f.stem() + ".pdf"), figuresDir.resolve(f.stem() + ".png")));
        return new Block.FigureRef(f.stem(), f.title(), f.caption());
    }

    void dataset(String name, List<String> header, Csv.Rows rows) {
        Path p = datasetsDir.resolve(name);
        Csv.write(p, header, rows);
        written.add(p);
    }

    OracleResult oracle(OracleResult r) {
        oracles.add(r);
        return r;
    }

    /** {@code First-Last} from the manifest, for figure titles. */
    String author() {
        return manifest.authorTag();
    }

    /** Raw files of a section that are missing, as relative paths. */
    List<String> missing(String... relative) {
        List<String> out = new ArrayList<>();
        for (String r : relative) {
            if (r.equals(RunFolder.KMSG) ? kmsg == null : !run.exists(r)) {
                out.add("raw/" + r);
            }
        }
        return out;
    }

    /** A failed oracle saying the section started but its raw files are incomplete. */
    Section incomplete(String title, List<String> missing) {
        OracleResult r = oracle(OracleResult.fail(title + ": raw files complete", "missing " + String.join(", ", missing)));
        return new Section(title, false, List.of(new Block.Paragraph("Incomplete: " + r.detail() + ".")));
    }
}
