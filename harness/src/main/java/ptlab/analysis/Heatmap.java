package ptlab.analysis;

import java.util.List;

/**
 * Per-page access frequencies over time, downsampled to rows of {@code rowPages} pages (mean).
 *
 * @param timesS        per column: end of the report interval in seconds since the scan started
 * @param columnWidthS  report period in seconds
 * @param freq          accesses per second, {@code [column][row]}
 * @param regions       mean per-page frequency in the regions the workload was told to create
 * @param incomplete    reports with missing parts (left out, never guessed)
 * @param problems      why, for the first few incomplete reports
 * @param expected      reports the parameters ask for ({@code duration_s * 1000 / report_ms})
 * @param active        contiguous row ranges whose mean is at least a tenth of the hottest row's
 * @param scanNsAvg     mean of the reports' {@code scan_ns_avg} (-1 when no heat_done line)
 */
public record Heatmap(double[] timesS, double columnWidthS, long rowPages, int rows, long pages, float[][] freq,
        double maxFreq, Regions regions, int complete, int incomplete, List<String> problems, long expected,
        List<Range> active, double scanNsAvg, long scanNsMax, long thpPages, long presentPages) {

    public Heatmap {
        problems = List.copyOf(problems);
        active = List.copyOf(active);
    }

    /** Mean accesses/s per page in hot {@code [0,hot_end)}, warm {@code [warm_start,warm_end)}, cold {@code [warm_end,size)}. */
    public record Regions(double hot, double warm, double cold) {
    }

    /** Offsets in bytes from the buffer start. */
    public record Range(long startBytes, long endBytes, double meanFreq) {
    }

    public double rowMiB() {
        return rowPages * 4096.0 / (1 << 20);
    }
}
