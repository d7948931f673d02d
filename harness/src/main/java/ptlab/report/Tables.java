package ptlab.report;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Cdf;
import ptlab.analysis.Fmt;
import ptlab.analysis.LatencyStats;

/** Shared table and dataset shapes. */
public final class Tables {
    public static final List<String> LATENCY_HEADER = List.of("series", "n", "min_ns", "p50_ns", "p90_ns", "p99_ns", "max_ns", "mean_ns");
    public static final List<String> CDF_HEADER = List.of("series", "latency_us", "percentile");

    private Tables() {
    }

    public static List<String> latencyCells(String series, LatencyStats s) {
        return List.of(series, Long.toString(s.n()), Long.toString(s.minNs()), Long.toString(s.p50Ns()),
                Long.toString(s.p90Ns()), Long.toString(s.p99Ns()), Long.toString(s.maxNs()), Fmt.num(Math.rint(s.meanNs())));
    }

    /** The report's latency table: microseconds for people. */
    public static Block.Table latencyTable(List<String> series, List<LatencyStats> stats) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            LatencyStats s = stats.get(i);
            rows.add(List.of(series.get(i), Fmt.count(s.n()), Fmt.us(s.p50Ns()), Fmt.us(s.p90Ns()), Fmt.us(s.p99Ns()),
                    Fmt.us(s.maxNs()), Fmt.us(s.meanNs())));
        }
        return new Block.Table(List.of("series", "n", "p50", "p90", "p99", "max", "mean"), rows);
    }

    public static Csv.Rows cdfRows(List<Cdf> cdfs) {
        return sink -> {
            for (Cdf c : cdfs) {
                for (int i = 0; i < c.xMicros().length; i++) {
                    sink.row(c.label(), Fmt.num(c.xMicros()[i]), Fmt.num(c.yPercent()[i]));
                }
            }
        };
    }
}
