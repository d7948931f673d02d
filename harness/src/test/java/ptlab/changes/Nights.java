package ptlab.changes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import ptlab.analysis.OracleResult;
import ptlab.json.Json;
import ptlab.render.RenderPipeline;
import ptlab.runfolder.OracleFile;
import ptlab.testing.TestFiles;

/**
 * Campaign folders made from the captured runs: a rendered Part 2 run with the datasets of a rendered Part 1 run
 * added is one cell; its repetitions differ by small deterministic perturbations (latencies by up to 2%, shares by
 * 0.005, heat means by 0.05), and a second image is the same capture named otherwise with 30% slower latencies.
 */
final class Nights {
    static final Path RUNS = Path.of("harness/src/test/resources/fixtures/runs");
    static final String HEAT_ORACLE = "heatmap regions where the workload put them";
    private static final List<String> LATENCY_COLUMNS = List.of("min_ns", "p50_ns", "p90_ns", "p99_ns", "max_ns",
            "mean_ns");

    /** The rendered templates: Part 2, Part 2 with the module's walk twice as slow, Part 1. */
    record Templates(Path part2, Path part2SlowWalk, Path part1) {
        static Templates render(Path dir) throws IOException {
            Path a = TestFiles.copyTree(RUNS.resolve("quick-part2-bookworm-6.1-tcg"), dir.resolve("part2"));
            Path slow = TestFiles.copyTree(RUNS.resolve("quick-part2-bookworm-6.1-tcg"), dir.resolve("part2-slow"));
            Path p1 = TestFiles.copyTree(RUNS.resolve("quick-part1-bookworm-6.1-tcg"), dir.resolve("part1"));
            TestFiles.slowDownModuleWalk(slow.resolve("raw/kmsg.txt"), 2);
            for (Path p : List.of(a, slow, p1)) {
                RenderPipeline.render(p);
            }
            return new Templates(a, slow, p1);
        }
    }

    /**
     * One image's repetitions in a campaign.
     *
     * @param latency   every latency multiplied by this (host load, or another kernel)
     * @param failing   repetitions (1-based) whose heatmap oracle fails
     */
    record Image(String name, String kernel, int repetitions, double latency, boolean slowWalk, List<Integer> failing) {
    }

    private Nights() {
    }

    static Path campaign(Path dir, Templates t, List<Image> images) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < images.size(); i++) {
            Image im = images.get(i);
            for (int rep = 1; rep <= im.repetitions(); rep++) {
                cell(dir.resolve("20261201-020000-" + im.name() + "-r" + rep), t, im, i, rep);
            }
        }
        return dir;
    }

    private static void cell(Path cell, Templates t, Image im, int index, int rep) throws IOException {
        TestFiles.copyTree(im.slowWalk() ? t.part2SlowWalk() : t.part2(), cell);
        for (String ds : List.of("part1-latency.csv", "part1-latency-cdf.csv", "part1-contiguity.csv")) {
            Files.copy(t.part1().resolve("datasets/" + ds), cell.resolve("datasets/" + ds));
        }
        ObjectNode m = (ObjectNode) Json.tree(cell.resolve("manifest.json"));
        m.put("run_id", cell.getFileName().toString()).put("repetition", rep).put("guest_kernel", im.kernel());
        ((ObjectNode) m.get("image")).put("name", im.name()).put("kernel_release", im.kernel());
        Files.writeString(cell.resolve("manifest.json"), Json.text(m));
        // the image's packages: the kernel's follow its release, the rest stay
        String version = im.kernel().replace("-amd64", "") + "-1";
        Files.write(cell.resolve("raw/image-packages.tsv"), List.of("base-files\t13.8\tamd64",
                "linux-image-" + im.kernel() + "\t" + version + "\tamd64", "linux-image-amd64\t" + version + "\tamd64"));
        // -2%..+2% by repetition and image: repetitions that differ a little, the same every time
        double jitter = 1 + 0.01 * ((rep * 3 + index) % 5 - 2);
        double step = (rep % 3) - 1;
        UnaryOperator<Double> lat = v -> v * im.latency() * jitter;
        edit(cell.resolve("datasets/xlate-latency.csv"), LATENCY_COLUMNS, lat);
        edit(cell.resolve("datasets/part1-latency.csv"), LATENCY_COLUMNS, lat);
        edit(cell.resolve("datasets/heat-scan.csv"), List.of("scan_ns_avg"), lat);
        edit(cell.resolve("datasets/part1-contiguity.csv"), List.of("huge_fraction", "contiguous_fraction"),
                v -> Math.max(0, v + 0.005 * step));
        edit(cell.resolve("datasets/heat-regions.csv"), List.of("mean_accesses_per_s"), v -> v + 0.05 * step);
        if (im.failing().contains(rep)) {
            Path o = cell.resolve("oracles.json");
            List<OracleResult> failed = OracleFile.read(o).stream().map(r -> r.name().equals(HEAT_ORACLE)
                    ? new OracleResult(r.name(), OracleResult.Status.FAILED, "hot region at the wrong offsets") : r).toList();
            Files.writeString(o, OracleFile.text(failed));
        }
    }

    /** Rewrites {@code columns} of a dataset CSV (no quoted fields in these) with {@code f}. */
    private static void edit(Path csv, List<String> columns, UnaryOperator<Double> f) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            for (String col : columns) {
                int i = header.indexOf(col);
                if (i >= 0 && !cells[i].isEmpty()) {
                    cells[i] = Double.toString(f.apply(Double.parseDouble(cells[i])));
                }
            }
            out.add(String.join(",", cells));
        }
        Files.write(csv, out);
    }
}
