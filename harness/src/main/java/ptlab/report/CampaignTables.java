package ptlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;

/** The campaign report's tables, each computed from the cells' manifests and datasets alone. */
public final class CampaignTables {
    private CampaignTables() {
    }

    /** Every oracle any cell checked, in order of first appearance. */
    static List<String> oracleNames(List<CellData> cells) {
        Set<String> names = new LinkedHashSet<>();
        cells.forEach(c -> c.oracles().forEach(o -> names.add(o.name())));
        return List.copyOf(names);
    }

    /** Rows: oracle, then PASS, FAIL or n/a per cell. */
    static List<List<String>> oracleMatrix(List<CellData> cells) {
        List<List<String>> rows = new ArrayList<>();
        List<String> outcome = new ArrayList<>(List.of("outcome"));
        cells.forEach(c -> outcome.add(c.outcome()));
        rows.add(outcome);
        for (String name : oracleNames(cells)) {
            List<String> row = new ArrayList<>(List.of(name));
            cells.forEach(c -> row.add(c.oracle(name).map(o -> o.status().label()).orElse("n/a")));
            rows.add(row);
        }
        return rows;
    }

    /** The failing oracles, named with their cell: "bookworm-r1: module VA->PA == pagemap (detail)". */
    static List<String> failures(List<CellData> cells) {
        List<String> out = new ArrayList<>();
        for (CellData c : cells) {
            if (!c.outcome().equals("PASS") && c.oracles().stream().noneMatch(OracleResult::failed)) {
                out.add(c.id() + ": " + c.outcome() + " (" + c.manifest().message().lines().findFirst()
                        .orElse("") + ")");
            }
            c.oracles().stream().filter(OracleResult::failed).forEach(o -> out.add(c.id() + ": " + o.name() + " ("
                    + o.detail() + ")"));
        }
        return out;
    }

    /**
     * Latency percentiles per image and series, with the spread across repetitions: "median [min..max]"
     * of each percentile over the image's cells.
     */
    static List<List<String>> latency(List<CellData> cells) {
        Map<String, List<Map<String, String>>> byKey = new LinkedHashMap<>();
        for (CellData c : cells) {
            for (String ds : List.of("xlate-latency.csv", "part1-latency.csv")) {
                for (Map<String, String> row : c.rows(ds)) {
                    byKey.computeIfAbsent(c.image() + " (" + c.kernel() + ")\u0000" + row.get("series"),
                            k -> new ArrayList<>()).add(row);
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        byKey.forEach((key, list) -> {
            String[] k = key.split("\u0000");
            List<String> row = new ArrayList<>(List.of(k[0], k[1], Integer.toString(list.size())));
            for (String p : List.of("p50_ns", "p90_ns", "p99_ns")) {
                row.add(spread(list.stream().map(r -> parse(r.get(p))).toList()));
            }
            rows.add(row);
        });
        return rows;
    }

    /** Part 1 per cell and scheme: contiguity, THP share and physical span. */
    static List<List<String>> part1(List<CellData> cells) {
        List<List<String>> rows = new ArrayList<>();
        for (CellData c : cells) {
            for (Map<String, String> r : c.rows("part1-contiguity.csv")) {
                long span = Long.decode(r.get("max_pa")) - Long.decode(r.get("min_pa")) + 4096;
                rows.add(List.of(c.id(), c.kernel(), r.get("scheme"), Fmt.pct(parse(r.get("contiguous_fraction"))),
                        Fmt.pct(parse(r.get("huge_fraction"))), r.get("runs"), Fmt.size(span)));
            }
        }
        return rows;
    }

    /** Heatmap region means per cell: hot, warm, cold accesses per second per page. */
    static List<List<String>> heat(List<CellData> cells) {
        List<List<String>> rows = new ArrayList<>();
        for (CellData c : cells) {
            Map<String, String> means = new LinkedHashMap<>();
            c.rows("heat-regions.csv").forEach(r -> means.put(r.get("region"), r.get("mean_accesses_per_s")));
            if (!means.isEmpty()) {
                rows.add(List.of(c.id(), c.kernel(), means.getOrDefault("hot", "-"), means.getOrDefault("warm", "-"),
                        means.getOrDefault("cold", "-")));
            }
        }
        return rows;
    }

    /** Per cell: VMAs compared, build warnings, how the guest started, and each step's wall time. */
    static List<List<String>> cells(List<CellData> cells, List<String> stepNames) {
        List<List<String>> rows = new ArrayList<>();
        for (CellData c : cells) {
            List<String> row = new ArrayList<>(List.of(c.id(), c.kernel(), c.outcome(),
                    c.datasets().containsKey("vma-compare.csv") ? Integer.toString(c.rows("vma-compare.csv").size()) : "-",
                    warnings(c), Objects.requireNonNullElse(c.manifest().guestStart(), "-")));
            for (String step : stepNames) {
                row.add(stepSeconds(c, step));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The step names of all cells, in the order they ran. */
    static List<String> stepNames(List<CellData> cells) {
        Set<String> names = new LinkedHashSet<>();
        for (CellData c : cells) {
            c.manifest().steps().forEach(s -> names.add(s.name()));
        }
        return List.copyOf(names);
    }

    private static String stepSeconds(CellData c, String step) {
        return c.manifest().step(step).map(s -> Double.toString(s.seconds())).orElse("-");
    }

    private static String warnings(CellData c) {
        Long total = c.manifest().totalBuildWarnings();
        return total == null ? "-" : Long.toString(total);
    }

    /** "median [min..max]" of integers (nanoseconds), or just the value when there is one. */
    static String spread(List<Double> values) {
        List<Double> v = values.stream().filter(d -> !d.isNaN()).sorted().toList();
        if (v.isEmpty()) {
            return "-";
        }
        double median = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
        if (v.size() == 1) {
            return Fmt.count(Math.round(median));
        }
        return Fmt.count(Math.round(median)) + " [" + Fmt.count(Math.round(v.get(0))) + ".."
                + Fmt.count(Math.round(v.get(v.size() - 1))) + "]";
    }

    public static double parse(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
