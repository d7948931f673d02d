package ptlab.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ptlab.parse.AccessParams;
import ptlab.parse.HeatLog;
import ptlab.parse.HeatReport;
import ptlab.parse.KeyValues;

/** Decodes complete heat reports one at a time (never all at once) into a {@link Heatmap}. */
public final class HeatmapBuilder {
    /** At most this many rows: a 1 GiB buffer gets one row per MiB. */
    static final int MAX_ROWS = 1024;

    private HeatmapBuilder() {
    }

    public static Heatmap build(HeatLog log, AccessParams params) {
        List<HeatReport> complete = new ArrayList<>(log.completeReports());
        complete.sort(Comparator.comparingLong(HeatReport::tMs).thenComparingLong(HeatReport::seq));
        List<String> problems = new ArrayList<>();
        for (HeatReport r : log.incompleteReports()) {
            if (problems.size() < 5) {
                problems.add("seq " + r.seq() + ": " + r.problem());
            }
        }
        long pages = complete.isEmpty() ? params.size() / 4096 : complete.get(0).pages();
        long rowPages = rowPages(pages);
        int rows = (int) ((pages + rowPages - 1) / rowPages);
        double perS = 1000.0 / params.reportMs();
        long hotEnd = Math.min(pages, params.hotEnd() / 4096);
        long warmStart = Math.min(pages, params.warmStart() / 4096);
        long warmEnd = Math.min(pages, params.warmEnd() / 4096);
        double hot = 0;
        double warm = 0;
        double cold = 0;
        double[] rowSum = new double[rows];
        float[][] freq = new float[complete.size()][];
        double[] times = new double[complete.size()];
        double max = 0;
        double scanAvgSum = 0;
        int scanAvgN = 0;
        long scanMax = 0;
        long thp = -1;
        long present = -1;
        for (int c = 0; c < complete.size(); c++) {
            HeatReport r = complete.get(c);
            int[] counts = r.pages() == pages ? r.decode() : java.util.Arrays.copyOf(r.decode(), (int) pages);
            times[c] = r.tMs() / 1000.0;
            float[] col = new float[rows];
            for (int row = 0; row < rows; row++) {
                long from = row * rowPages;
                long to = Math.min(pages, from + rowPages);
                long sum = 0;
                for (long p = from; p < to; p++) {
                    sum += counts[(int) p];
                }
                col[row] = (float) (sum * perS / (to - from));
                rowSum[row] += col[row];
                max = Math.max(max, col[row]);
            }
            freq[c] = col;
            hot += sum(counts, 0, hotEnd) * perS;
            warm += sum(counts, warmStart, warmEnd) * perS;
            cold += sum(counts, warmEnd, pages) * perS;
            if (r.done().isPresent()) {
                KeyValues d = r.done().get();
                if (d.has("scan_ns_avg")) {
                    scanAvgSum += d.num("scan_ns_avg");
                    scanAvgN++;
                }
                scanMax = Math.max(scanMax, d.num("scan_ns_max", 0));
                thp = d.num("thp", thp);
                present = d.num("present", present);
            }
        }
        int n = Math.max(1, complete.size());
        Heatmap.Regions regions = new Heatmap.Regions(
                hot / n / Math.max(1, hotEnd),
                warm / n / Math.max(1, warmEnd - warmStart),
                cold / n / Math.max(1, pages - warmEnd));
        long expected = params.durationS() * 1000 / params.reportMs();
        return new Heatmap(times, params.reportMs() / 1000.0, rowPages, rows, pages, freq, max, regions,
                complete.size(), log.incompleteReports().size(), problems, expected,
                active(rowSum, complete.size(), rowPages), scanAvgN == 0 ? -1 : scanAvgSum / scanAvgN, scanMax, thp, present);
    }

    public static long rowPages(long pages) {
        long r = 1;
        while ((pages + r - 1) / r > MAX_ROWS) {
            r *= 2;
        }
        return r;
    }

    private static long sum(int[] counts, long from, long to) {
        long s = 0;
        for (long p = from; p < to; p++) {
            s += counts[(int) p];
        }
        return s;
    }

    /** Contiguous row ranges at or above a tenth of the hottest row's time-mean (and above zero). */
    public static List<Heatmap.Range> active(double[] rowSum, int columns, long rowPages) {
        List<Heatmap.Range> out = new ArrayList<>();
        if (columns == 0) {
            return out;
        }
        double max = 0;
        for (double s : rowSum) {
            max = Math.max(max, s / columns);
        }
        double threshold = Math.max(max / 10, 1e-9);
        int start = -1;
        double acc = 0;
        for (int row = 0; row <= rowSum.length; row++) {
            boolean on = row < rowSum.length && rowSum[row] / columns >= threshold && max > 0;
            if (on && start < 0) {
                start = row;
                acc = 0;
            }
            if (on) {
                acc += rowSum[row] / columns;
            }
            if (!on && start >= 0) {
                out.add(new Heatmap.Range(start * rowPages * 4096, row * rowPages * 4096, acc / (row - start)));
                start = -1;
            }
        }
        return out;
    }
}
