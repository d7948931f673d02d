package ptlab.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.analysis.Accel;
import ptlab.analysis.OracleResult;
import ptlab.parse.KmsgLog;
import ptlab.parse.KmsgParser;
import ptlab.parse.Manifest;
import ptlab.parse.ManifestReader;
import ptlab.parse.RunFolder;

/**
 * Everything after the VM: a run folder's raw/ in, {@code datasets/*.csv}, {@code figures/*.pdf|png},
 * {@code oracles.json}, {@code report.md} and {@code report.html} out, byte-identical on every call.
 * Reads nothing but the run folder and never touches raw/.
 */
public final class RenderPipeline {
    private RenderPipeline() {
    }

    public static RenderResult render(Path runDir) {
        RunFolder run = new RunFolder(runDir);
        if (!Files.isDirectory(run.raw())) {
            throw HarnessException.usage("not a run folder: " + runDir + " has no raw/");
        }
        try {
            return renderChecked(run);
        } catch (UncheckedIOException e) {
            throw HarnessException.infra("rendering " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static RenderResult renderChecked(RunFolder run) {
        Manifest manifest = ManifestReader.readIfPresent(run.manifest());
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
        sections.add(PagetableSection.build(ctx));
        sections.add(logs);
        sections.add(InfoSections.guest(ctx));
        sections.add(InfoSections.manifest(manifest));
        ctx.dataset("oracles.csv", List.of("name", "passed", "detail"), sink -> ctx.oracles.forEach(
                o -> sink.row(o.name(), o.passed() ? "true" : "false", o.detail())));
        ReportModel model = new ReportModel(title(run, manifest), summary(ctx, sections), ctx.oracles, sections);
        write(ctx, run.dir().resolve("oracles.json"), oraclesJson(ctx.oracles));
        write(ctx, run.dir().resolve("report.md"), MarkdownReport.render(model));
        write(ctx, run.dir().resolve("report.html"), HtmlReport.render(model, ctx.figuresDir));
        List<Path> files = new ArrayList<>(ctx.written);
        files.sort(null);
        return new RenderResult(ctx.oracles, files, ctx.figures);
    }

    private static String title(RunFolder run, Manifest m) {
        Path dir = run.dir().toAbsolutePath().normalize();
        String exp = m.get("experiment").orElse(dir.getParent() == null ? "?" : dir.getParent().getFileName().toString());
        String id = m.get("run_id").orElse(dir.getFileName().toString());
        return "Run report: " + exp + " / " + id;
    }

    private static List<String> summary(RenderContext ctx, List<Section> sections) {
        Manifest m = ctx.manifest;
        List<String> out = new ArrayList<>();
        out.add("Author: " + m.get("author.first").orElse("?") + " " + m.get("author.last").orElse("?"));
        out.add("Accelerator: " + (ctx.accel == Accel.UNKNOWN ? "unknown" : ctx.accel.name().toLowerCase(java.util.Locale.ROOT))
                + ". " + ctx.accel.sentence());
        out.add("Guest kernel: " + m.get("guest_kernel").orElse("unknown"));
        long passed = ctx.oracles.stream().filter(OracleResult::passed).count();
        out.add("Oracles: " + passed + " of " + ctx.oracles.size() + " passed"
                + (passed == ctx.oracles.size() ? "." : " (see the FAIL rows below)."));
        List<String> notRun = sections.stream().filter(s -> !s.ran()).map(Section::title).toList();
        if (!notRun.isEmpty()) {
            out.add("Not run or incomplete: " + String.join("; ", notRun) + ".");
        }
        return out;
    }

    private static String oraclesJson(List<OracleResult> oracles) {
        ObjectMapper json = new ObjectMapper();
        ArrayNode arr = json.createArrayNode();
        for (OracleResult o : oracles) {
            ObjectNode n = arr.addObject();
            n.put("name", o.name());
            n.put("passed", o.passed());
            n.put("detail", o.detail());
        }
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return json.writer(pp).writeValueAsString(arr) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(RenderContext ctx, Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        ctx.written.add(file);
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
