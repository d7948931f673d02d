package ptlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ptlab.analysis.OracleResult;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.OracleFile;
import ptlab.runfolder.RunFolder;

/**
 * One cell of a campaign as its run folder records it: the manifest, the oracles, and the rendered
 * datasets the campaign report compares (a cell that was never rendered has none of them).
 */
public record CellData(RunFolder folder, Manifest manifest, List<OracleResult> oracles,
        Map<String, List<Map<String, String>>> datasets, String id) {
    /** The datasets the campaign report reads, by file name under datasets/. */
    static final List<String> USED = List.of("xlate-latency.csv", "xlate-latency-cdf.csv", "part1-latency.csv",
            "part1-latency-cdf.csv", "part1-contiguity.csv", "heat-regions.csv", "heat-scan.csv", "vma-compare.csv");

    public static CellData read(Path dir) {
        RunFolder f = new RunFolder(dir);
        Manifest m = Manifest.readIfPresent(f.manifest());
        // what the latest render found, which is what the cell's own report says; else what the run recorded
        List<OracleResult> oracles = Files.isRegularFile(f.oracles()) ? OracleFile.read(f.oracles()) : m.oracles();
        Map<String, List<Map<String, String>>> data = new LinkedHashMap<>();
        for (String name : USED) {
            Path p = f.datasets().resolve(name);
            if (Files.isRegularFile(p)) {
                data.put(name, csv(p));
            }
        }
        return new CellData(f, m, oracles, data, Objects.requireNonNullElse(m.imageName(), "?") + "-r"
                + (m.repetition() == null ? "?" : m.repetition()));
    }

    /**
     * The same cells with ids that tell them apart: {@code bookworm-r1} is unique within one campaign, so
     * a report over cells of several campaigns names a repeated id by its campaign folder as well
     * ({@code 20261201-080102/bookworm-r1}), and by its place when even that repeats.
     */
    static List<CellData> distinct(List<CellData> cells) {
        List<CellData> out = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (CellData c : cells) {
            boolean repeated = cells.stream().filter(o -> o.id.equals(c.id)).count() > 1;
            String id = c.id;
            if (repeated) {
                Path parent = c.folder.dir().toAbsolutePath().normalize().getParent();
                id = (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/") + c.id;
            }
            String unique = id;
            for (int k = 2; !used.add(unique); k++) {
                unique = id + "#" + k;
            }
            out.add(new CellData(c.folder, c.manifest, c.oracles, c.datasets, unique));
        }
        return out;
    }

    String image() {
        return Objects.requireNonNullElse(manifest.imageName(), "?");
    }

    String kernel() {
        return Objects.requireNonNullElse(manifest.guestKernel(), "?");
    }

    String outcome() {
        return manifest.recordedOutcome().map(Enum::name).orElse("NOT RUN");
    }

    public List<Map<String, String>> rows(String dataset) {
        return datasets.getOrDefault(dataset, List.of());
    }

    /** The oracle named {@code name}, if this cell checked it. */
    java.util.Optional<OracleResult> oracle(String name) {
        return oracles.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * A dataset CSV as written by {@link Csv}: a header, then rows; fields with commas or quotes are
     * double-quoted with quotes doubled.
     */
    static List<Map<String, String>> csv(Path p) {
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + p, e);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        List<String> header = fields(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < f.size() ? f.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
