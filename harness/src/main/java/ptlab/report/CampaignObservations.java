package ptlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ptlab.analysis.Fmt;

/** Sentences about a campaign that a student could quote; every number in them comes from the cells. */
final class CampaignObservations {
    private CampaignObservations() {
    }

    static List<String> of(List<CellData> cells, List<List<String>> latency) {
        List<String> out = new ArrayList<>();
        long kernels = cells.stream().map(CellData::kernel).distinct().count();
        out.add("Cells: " + cells.size() + " on " + kernels + " kernel(s): " + String.join(", ",
                cells.stream().map(c -> c.id() + " " + c.kernel()).toList()) + ".");
        extremes(cells, "lkp25p3 walk", "The module's walk").ifPresent(out::add);
        extremes(cells, "pagemap per-page", "A per-page pagemap read").ifPresent(out::add);
        ratio(cells).ifPresent(out::add);
        thp(cells).ifPresent(out::add);
        return out;
    }

    /** "X: p50 from A ns on K1 to B ns on K2." over the cells that measured the series. */
    private static java.util.Optional<String> extremes(List<CellData> cells, String series, String what) {
        List<double[]> vals = new ArrayList<>();
        List<String> who = new ArrayList<>();
        for (CellData c : cells) {
            for (Map<String, String> r : c.rows("xlate-latency.csv")) {
                if (series.equals(r.get("series"))) {
                    vals.add(new double[] {CampaignTables.parse(r.get("p50_ns")), who.size()});
                    who.add(c.kernel());
                }
            }
        }
        if (vals.size() < 2) {
            return java.util.Optional.empty();
        }
        vals.sort(Comparator.comparingDouble(v -> v[0]));
        double[] lo = vals.get(0);
        double[] hi = vals.get(vals.size() - 1);
        return java.util.Optional.of(Fmt.f("%s: median latency from %s ns (%s) to %s ns (%s), a factor of %s across"
                + " the cells.", what, Fmt.count(Math.round(lo[0])), who.get((int) lo[1]), Fmt.count(Math.round(hi[0])),
                who.get((int) hi[1]), Fmt.sig3(hi[0] / Math.max(1, lo[0]))));
    }

    /** How much slower a per-page pagemap read is than the module's walk, per kernel. */
    private static java.util.Optional<String> ratio(List<CellData> cells) {
        List<String> parts = new ArrayList<>();
        for (CellData c : cells) {
            double walk = p50(c, "lkp25p3 walk");
            double pagemap = p50(c, "pagemap per-page");
            if (walk > 0 && pagemap > 0) {
                parts.add(c.id() + " " + Fmt.sig3(pagemap / walk) + "x");
            }
        }
        return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("A per-page pagemap read (a"
                + " whole pread system call) takes longer than the module's in-kernel walk by, at the median: "
                + String.join(", ", parts) + ".");
    }

    /** The THP share of the whole-block scheme per kernel: where the kernels differ most in Part 1. */
    private static java.util.Optional<String> thp(List<CellData> cells) {
        List<String> parts = new ArrayList<>();
        for (CellData c : cells) {
            for (Map<String, String> r : c.rows("part1-contiguity.csv")) {
                if ("whole".equals(r.get("scheme"))) {
                    parts.add(c.id() + " " + Fmt.pct(CampaignTables.parse(r.get("huge_fraction"))));
                }
            }
        }
        return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("Share of the one-block"
                + " allocation mapped by transparent huge pages: " + String.join(", ", parts) + ".");
    }

    private static double p50(CellData c, String series) {
        return c.rows("xlate-latency.csv").stream().filter(r -> series.equals(r.get("series")))
                .mapToDouble(r -> CampaignTables.parse(r.get("p50_ns"))).findFirst().orElse(-1);
    }
}
