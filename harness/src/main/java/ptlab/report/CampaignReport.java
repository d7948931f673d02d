package ptlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import ptlab.Accelerator;
import ptlab.HarnessException;
import ptlab.analysis.Cdf;
import ptlab.chart.CdfSeries;
import ptlab.chart.FigureWriter;
import ptlab.chart.LatencyCdfFigure;

/**
 * The report of a campaign (one spec over several cells: images x repetitions), made from the cells'
 * run folders alone: an oracle matrix, latency percentiles per kernel with the spread across
 * repetitions, CDFs overlaid per kernel, Part 1 layout figures, heatmap region means, VMA counts, build
 * warnings and step times, and observations drawn from the data. Byte-identical on every render.
 */
public final class CampaignReport {
    /** What the report found: the cells' experiment, the verdict and the failures behind it. */
    public record Result(String experiment, boolean passed, List<String> failures, List<Path> files) {
    }

    private CampaignReport() {
    }

    /** Renders the campaign of {@code cellDirs} into {@code out} (report.html, report.md, figures/, datasets/). */
    public static Result render(Path out, List<Path> cellDirs) {
        return render(out, cellDirs, List.of());
    }

    /**
     * As above, for a campaign some of whose cells left no run folder: {@code missing} names each of them
     * with the reason ("bookworm-r2: cancelled"); they fail the verdict and are listed in the report.
     */
    public static Result render(Path out, List<Path> cellDirs, List<String> missing) {
        return render(out, cellDirs, missing, null);
    }

    /** As above, with {@code lead} (the changes since a baseline) as the report's first section; null: none. */
    public static Result render(Path out, List<Path> cellDirs, List<String> missing, Section lead) {
        List<CellData> cells = new ArrayList<>();
        // in the order of their folder names, whatever order they were given in: one campaign, one report
        for (Path d : sorted(cellDirs)) {
            cells.add(CellData.read(d));
        }
        checkOneExperiment(cells);
        cells = CellData.distinct(cells);
        String title = "Campaign report: " + Objects.requireNonNullElse(cells.get(0).manifest().experiment(), "?") + " / "
                + out.toAbsolutePath().normalize().getFileName();
        try {
            return write(out, cells, title, List.copyOf(missing), lead);
        } catch (UncheckedIOException e) {
            throw HarnessException.infra("rendering the campaign report in " + out + ": " + e.getMessage(), e);
        }
    }

    private static void checkOneExperiment(List<CellData> cells) {
        Map<String, String> experiments = new LinkedHashMap<>();
        for (CellData c : cells) {
            experiments.putIfAbsent(Objects.requireNonNullElse(c.manifest().experiment(), "(no manifest.json)"), c.folder().dir().toString());
        }
        if (experiments.size() > 1) {
            throw HarnessException.usage("these run folders belong to different experiments, which one campaign report"
                    + " cannot compare: " + experiments);
        }
    }

    private static Result write(Path out, List<CellData> cells, String title, List<String> missing, Section lead) {
        Path figures = out.resolve("figures");
        Path datasets = out.resolve("datasets");
        clean(figures);
        clean(datasets);
        List<Path> files = new ArrayList<>();
        List<String> failures = new ArrayList<>(CampaignTables.failures(cells));
        missing.forEach(m -> failures.add("no result for " + m));
        boolean passed = failures.isEmpty() && cells.stream().allMatch(c -> c.outcome().equals("PASS"));
        List<String> ids = cells.stream().map(CellData::id).toList();

        List<Section> sections = new ArrayList<>();
        if (lead != null) {
            sections.add(lead);
        }
        List<List<String>> links = new ArrayList<>();
        for (CellData c : cells) {
            links.add(List.of(c.id() + " (" + c.kernel() + "): " + c.outcome(),
                    out.toAbsolutePath().normalize().relativize(c.folder().reportHtml().toAbsolutePath().normalize())
                            .toString()));
        }
        List<String> matrixHeader = new ArrayList<>(List.of("oracle"));
        matrixHeader.addAll(ids);
        List<List<String>> matrix = CampaignTables.oracleMatrix(cells);
        if (!missing.isEmpty()) {
            sections.add(new Section("Cells without a result", true, List.of(new Block.Paragraph("These cells of the"
                    + " plan left no run folder, so nothing below includes them: " + String.join("; ", missing)
                    + "."))));
        }
        sections.add(new Section("Oracle matrix", true, List.of(new Block.Table(matrixHeader, matrix),
                new Block.Links(links))));
        files.add(dataset(datasets, "oracle-matrix.csv", matrixHeader, matrix));

        List<String> latHeader = List.of("image (kernel)", "series", "cells", "p50 ns", "p90 ns", "p99 ns");
        List<List<String>> lat = CampaignTables.latency(cells);
        List<Block> latBlocks = new ArrayList<>();
        latBlocks.add(new Block.Paragraph("Each percentile is the median over the image's repetitions, with"
                + " [min..max] across them. " + accelSentence(cells)));
        latBlocks.add(new Block.Table(latHeader, lat));
        for (String[] s : new String[][] {{"lkp25p3 walk", "campaign-module-walk-cdf", "Module walk latency per kernel"},
            {"pagemap per-page", "campaign-pagemap-cdf", "Pagemap per-page read latency per kernel"}}) {
            List<CdfSeries> series = cdfs(cells, s[0]);
            if (!series.isEmpty()) {
                var fig = LatencyCdfFigure.of(s[1], "campaign", s[2], s[2] + ", one curve per cell (colour: image,"
                        + " dashed: later repetitions). " + accelSentence(cells), series);
                files.addAll(FigureWriter.write(fig, figures));
                latBlocks.add(new Block.FigureRef(fig.stem(), fig.title(), fig.caption()));
            }
        }
        sections.add(new Section("Translation latency across kernels", !lat.isEmpty(), latBlocks));
        files.add(dataset(datasets, "latency.csv", latHeader, lat));

        List<String> p1Header = List.of("cell", "kernel", "scheme", "physically contiguous pairs", "THP share",
                "physical runs", "physical span");
        List<List<String>> p1 = CampaignTables.part1(cells);
        sections.add(new Section("Part 1 layouts across kernels", !p1.isEmpty(), List.of(new Block.Table(p1Header, p1))));
        files.add(dataset(datasets, "part1.csv", p1Header, p1));

        List<String> heatHeader = List.of("cell", "kernel", "hot /s", "warm /s", "cold /s");
        List<List<String>> heat = CampaignTables.heat(cells);
        sections.add(new Section("Heatmap region means across kernels", !heat.isEmpty(), List.of(new Block.Paragraph(
                "Mean accesses per second per page in each region the workload created; a 100 ms accessed-bit sample"
                        + " saturates at 10/s."), new Block.Table(heatHeader, heat))));
        files.add(dataset(datasets, "heat.csv", heatHeader, heat));

        List<String> steps = CampaignTables.stepNames(cells);
        List<String> cellHeader = new ArrayList<>(List.of("cell", "kernel", "outcome", "VMAs compared",
                "build warnings", "guest start"));
        steps.forEach(s -> cellHeader.add(s + " s"));
        List<List<String>> cellRows = CampaignTables.cells(cells, steps);
        sections.add(new Section("Cells", true, List.of(new Block.Table(cellHeader, cellRows))));
        files.add(dataset(datasets, "cells.csv", cellHeader, cellRows));

        List<String> summary = new ArrayList<>();
        summary.add("Verdict: " + (passed ? "PASS" : "FAIL") + " - " + cells.size() + " cell(s), "
                + cells.stream().filter(c -> c.outcome().equals("PASS")).count() + " passed"
                + (failures.isEmpty() ? "." : "; " + String.join("; ", failures) + "."));
        summary.addAll(CampaignObservations.of(cells, lat));
        ReportModel model = new ReportModel(title, summary, List.of(), sections);
        files.add(text(out.resolve("report.md"), MarkdownReport.render(model)));
        files.add(text(out.resolve("report.html"), HtmlReport.render(model, figures)));
        files.sort(null);
        return new Result(Objects.requireNonNullElse(cells.get(0).manifest().experiment(), "campaign"), passed, failures, files);
    }

    /** One CDF per cell for {@code series}, from the cells' xlate-latency-cdf.csv (already thinned). */
    private static List<CdfSeries> cdfs(List<CellData> cells, String series) {
        List<String> images = cells.stream().map(CellData::image).distinct().toList();
        List<CdfSeries> out = new ArrayList<>();
        for (CellData c : cells) {
            List<Map<String, String>> pts = c.rows("xlate-latency-cdf.csv").stream()
                    .filter(r -> series.equals(r.get("series"))).toList();
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = pts.stream().mapToDouble(r -> CampaignTables.parse(r.get("latency_us"))).toArray();
            double[] y = pts.stream().mapToDouble(r -> CampaignTables.parse(r.get("percentile"))).toArray();
            long n = c.rows("xlate-latency.csv").stream().filter(r -> series.equals(r.get("series")))
                    .mapToLong(r -> (long) CampaignTables.parse(r.get("n"))).findFirst().orElse(pts.size());
            boolean later = c.manifest().repetition() != null && c.manifest().repetition() != 1;
            out.add(new CdfSeries(new Cdf(c.id() + " " + c.kernel(), x, y, n, 0), images.indexOf(c.image()), later));
        }
        return out;
    }

    /** Run folders in the order of their names (run ids sort by time, then image, then repetition). */
    public static List<Path> sorted(List<Path> cellDirs) {
        return cellDirs.stream().sorted(java.util.Comparator.comparing((Path p) -> p.toAbsolutePath().normalize()
                .getFileName().toString()).thenComparing(p -> p.toAbsolutePath().normalize().toString())).toList();
    }

    static String accelSentence(List<CellData> cells) {
        List<String> accels = cells.stream().map(c -> Objects.requireNonNullElse(c.manifest().accelerator(), "").toLowerCase(Locale.ROOT)).distinct().toList();
        if (accels.size() != 1) {
            return "The cells ran under different accelerators (" + String.join(", ", accels) + "): compare with care.";
        }
        return Accelerator.sentence(Accelerator.ofLabel(accels.get(0)));
    }

    private static Path dataset(Path dir, String name, List<String> header, List<List<String>> rows) {
        Path p = dir.resolve(name);
        Csv.write(p, header, sink -> rows.forEach(r -> sink.row(r.toArray(String[]::new))));
        return p;
    }

    private static Path text(Path file, String s) {
        try {
            Files.writeString(file, s, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private static void clean(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning " + dir, e);
        }
    }
}
