package ptlab.render;

import ptlab.junit.JUnitXml;
import ptlab.report.HtmlReport;
import ptlab.report.MarkdownReport;
import ptlab.report.ReportModel;
import ptlab.report.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.Optional;
import ptlab.Accelerator;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.analysis.OracleResult;
import ptlab.analysis.Verdict;
import ptlab.parse.KmsgLog;
import ptlab.parse.KmsgParser;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.OracleFile;
import ptlab.runfolder.RunFolder;

/**
 * Everything after the VM: a run folder's raw/ in, {@code datasets/*.csv}, {@code figures/*.pdf|png},
 * {@code oracles.json}, {@code report.md} and {@code report.html} out, byte-identical on every call.
 * Reads nothing but the run folder and never touches raw/ or manifest.json. In two halves, so a run
 * can decide its outcome from the oracles, write its manifest once, and only then write the report.
 */
public final class RenderPipeline {
    private RenderPipeline() {
    }

    /** {@code harness render}: the whole derivation from raw/ and manifest.json, which it never changes. */
    public static RenderResult render(Path runDir) {
        RunFolder run = checkedFolder(runDir);
        Manifest manifest = Manifest.readIfPresent(run.manifest());
        return report(analyse(run, manifest), manifest);
    }

    /**
     * First half: datasets, figures and oracles from raw/. {@code manifest} needs only what figures
     * show (author, accelerator), so a run can call this before its manifest is final.
     */
    public static Analysed analyse(RunFolder run, Manifest manifest) {
        checkedFolder(run.dir());
        try {
            KmsgLog kmsg = Files.isRegularFile(run.kmsg()) ? KmsgParser.parse(run.kmsg()) : null;
            RenderContext ctx = new RenderContext(run, manifest, kmsg);
            clean(ctx.figuresDir);
            clean(ctx.datasetsDir);
            Section logs = LogsSection.build(ctx);
            List<Section> sections = new ArrayList<>();
            sections.add(Part1Section.build(ctx));
            sections.add(XlateSection.build(ctx));
            sections.add(VmaSection.build(ctx));
            sections.add(AccessSection.build(ctx));
            sections.add(DamonSection.build(ctx));
            sections.add(PagetableSection.build(ctx));
            if (SubmissionSection.present(ctx)) {
                // a submission run drives the student's work, not the reference's: its sections replace the reference's unrun ones
                sections.removeIf(sec -> !sec.ran());
                sections.addAll(SubmissionSection.build(ctx));
            }
            sections.add(logs);
            sections.add(InfoSections.guest(ctx));
            ctx.dataset("oracles.csv", List.of("name", "status", "detail"), sink -> ctx.oracles.forEach(
                    o -> sink.row(o.name(), o.status().name(), o.detail())));
            return new Analysed(ctx, sections);
        } catch (UncheckedIOException e) {
            throw HarnessException.infra("rendering " + run.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Second half: oracles.json, report.md and report.html from an analysis and the final manifest. */
    public static RenderResult report(Analysed analysis, Manifest manifest) {
        RenderContext ctx = analysis.ctx;
        RunFolder run = ctx.run;
        try {
            List<Section> sections = new ArrayList<>(analysis.sections);
            sections.add(InfoSections.manifest(manifest));
            ReportModel model = new ReportModel(title(run, manifest), summary(ctx, manifest, sections), ctx.oracles,
                    sections);
            List<Path> files = new ArrayList<>(ctx.written);
            write(files, run.oracles(), OracleFile.text(ctx.oracles));
            write(files, run.reportMd(), MarkdownReport.render(model));
            write(files, run.reportHtml(), HtmlReport.render(model, ctx.figuresDir));
            write(files, run.junit(), JUnitXml.forRun(run, manifest, ctx.oracles));
            files.sort(null);
            return new RenderResult(ctx.oracles, files, ctx.figures);
        } catch (UncheckedIOException e) {
            throw HarnessException.infra("rendering " + run.dir() + ": " + e.getMessage(), e);
        }
    }

    private static RunFolder checkedFolder(Path runDir) {
        RunFolder run = new RunFolder(runDir);
        if (!Files.isDirectory(run.raw())) {
            throw HarnessException.usage("not a run folder: " + runDir + " has no raw/");
        }
        return run;
    }

    private static String title(RunFolder run, Manifest m) {
        Path dir = run.dir().toAbsolutePath().normalize();
        String exp = Objects.requireNonNullElse(m.experiment(), dir.getParent() == null ? "?"
                : dir.getParent().getFileName().toString());
        String id = Objects.requireNonNullElse(m.runId(), dir.getFileName().toString());
        return "Run report: " + exp + " / " + id;
    }

    private static List<String> summary(RenderContext ctx, Manifest m, List<Section> sections) {
        List<String> out = new ArrayList<>();
        out.add(outcomeLine(m, ctx.oracles));
        boolean anyFailed = ctx.oracles.stream().anyMatch(OracleResult::failed);
        out.add("Oracles: " + Verdict.counts(ctx.oracles, "") + (anyFailed ? " (see the FAIL rows below)." : "."));
        out.add("Author: " + (m.author() == null ? "? ?" : m.author().first() + " " + m.author().last()));
        Optional<Accelerator> accel = Accelerator.ofLabel(m.accelerator());
        out.add("Accelerator: " + accel.map(Accelerator::label).orElse("unknown") + ". "
                + Accelerator.sentence(accel));
        out.add("Guest kernel: " + Objects.requireNonNullElse(m.guestKernel(), "unknown"));
        List<String> notRun = sections.stream().filter(s -> !s.ran()).map(Section::title).toList();
        if (!notRun.isEmpty()) {
            out.add("Not run or incomplete: " + String.join("; ", notRun) + ".");
        }
        return out;
    }

    /**
     * The outcome the report states: the manifest's, held to the same rule the run applied, so a
     * report never says PASS beside a failed oracle (raw/ changed after the run, or an old manifest).
     */
    private static String outcomeLine(Manifest m, List<OracleResult> oracles) {
        Optional<Outcome> recorded = m.recordedOutcome();
        Outcome shown = Verdict.decide(recorded.orElse(Outcome.PASS), oracles);
        String why = m.message().isEmpty() ? Verdict.failedOracles(oracles) : m.message();
        if (recorded.isPresent() && shown != recorded.get()) {
            why = "manifest.json says " + recorded.get() + ", but " + Verdict.failedOracles(oracles);
        } else if (recorded.isEmpty()) {
            why = "manifest.json records no outcome; from the oracles" + (why.isEmpty() ? "" : ": " + why);
        }
        return "Outcome: " + shown + (why.isEmpty() ? "." : " (" + why.lines().findFirst().orElse("") + ").");
    }

    private static void write(List<Path> written, Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        written.add(file);
    }

    /** Removes the previous render's files, so nothing stale (an old author's figure name) survives. */
    private static void clean(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> old;
            try (Stream<Path> s = Files.list(dir)) {
                old = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path p : old) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning " + dir, e);
        }
    }
}
