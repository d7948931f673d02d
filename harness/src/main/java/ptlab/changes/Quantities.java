package ptlab.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptlab.GuestStart;
import ptlab.compare.Reproduction;
import ptlab.render.XlateSection;
import ptlab.report.CampaignTables;
import ptlab.report.CellData;

/**
 * The quantities a campaign compares, one value per repetition, from the datasets the campaign report reads:
 * each latency series' p50 and p90 (a batched read is one measurement and has no percentiles to compare), each
 * Part 1 scheme's THP share and share of physically contiguous page pairs, each heatmap region's mean, and the
 * module's mean scan time when the run recorded it. Named as {@link Reproduction} names them.
 */
final class Quantities {
    /** One quantity over the repetitions of an image. */
    record Values(String name, Tolerance tolerance, List<Double> values) {
        double[] array() {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static final Tolerance CLOCK = Tolerance.notJudged("a few ns of emulated clock");
    private static final Tolerance ALLOCATOR = Tolerance.notJudged("follows the allocator's free lists");

    private Quantities() {
    }

    /**
     * The quantities of {@code cells} (the repetitions of one image), in the order the datasets list them. When some
     * repetitions booted the kernel by design ({@code vm.cold_boots}, or {@code start: boot}), the physical-layout
     * quantities come from those alone: restored repetitions share their starting memory.
     */
    static Map<String, Values> of(List<CellData> cells) {
        Map<String, Values> out = new LinkedHashMap<>();
        cells.forEach(c -> latencies(c, out));
        List<CellData> booted = cells.stream().filter(Quantities::bootedByDesign).toList();
        for (CellData c : booted.isEmpty() ? cells : booted) {
            for (Map<String, String> r : c.rows("part1-contiguity.csv")) {
                String scheme = "part1 " + r.get("scheme");
                add(out, scheme + " THP share", Tolerance.difference(Reproduction.SHARE_DIFF), r.get("huge_fraction"));
                add(out, scheme + " contiguous pairs", ALLOCATOR, r.get("contiguous_fraction"));
            }
        }
        for (CellData c : cells) {
            for (Map<String, String> r : c.rows("heat-regions.csv")) {
                if (List.of("hot", "warm", "cold").contains(r.get("region"))) {
                    add(out, "heatmap " + r.get("region") + " mean /s", Tolerance.difference(Reproduction.HEAT_DIFF),
                            r.get("mean_accesses_per_s"));
                }
            }
            // a scan's time is a location like a latency's p50, and held to the same factor
            c.rows("heat-scan.csv").forEach(r -> add(out, "heatmap scan ns", Tolerance.factor(Reproduction.P50_FACTOR),
                    r.get("scan_ns_avg")));
        }
        return out;
    }

    private static void latencies(CellData c, Map<String, Values> out) {
        for (String ds : List.of("xlate-latency.csv", "part1-latency.csv")) {
            for (Map<String, String> r : c.rows(ds)) {
                String s = r.get("series");
                if (s == null || s.contains("batched")) {
                    continue;
                }
                boolean clock = s.equals(XlateSection.CLOCK) || s.equals(XlateSection.WALK_NET);
                add(out, s + " p50", clock ? CLOCK : Tolerance.factor(Reproduction.P50_FACTOR), r.get("p50_ns"));
                add(out, s + " p90", clock ? CLOCK : Tolerance.factor(Reproduction.P90_FACTOR), r.get("p90_ns"));
            }
        }
    }

    /** A cold boot the spec asked for; a restore that fell back to a boot was meant to share the snapshot. */
    static boolean bootedByDesign(CellData c) {
        return GuestStart.ofLabel(c.manifest().guestStart()).filter(g -> !g.restored() && g.fallback() == null)
                .isPresent();
    }

    private static void add(Map<String, Values> out, String name, Tolerance tolerance, String value) {
        double v = CampaignTables.parse(value);
        if (!Double.isNaN(v)) {
            out.computeIfAbsent(name, n -> new Values(n, tolerance, new ArrayList<>())).values().add(v);
        }
    }
}
