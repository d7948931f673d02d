package ptlab.judge;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Heatmap;
import ptlab.analysis.HeatmapBuilder;
import ptlab.parse.AccessParams;

/**
 * A student's recognised report lines as a {@link Heatmap} over the 1 GiB buffer, built one span at a time so no
 * line is kept: lines logged in one burst form one report (a pause of {@link AccessJudge#REPORT_GAP_US} starts the
 * next), pages a report does not name count 0, rows are the reference heatmap's (1 MiB), and values are the student's
 * own unit per page.
 */
final class StudentHeatmap {
    private final AccessForms.Form form;
    private final long base;
    private final long beginUs;
    private final AccessParams p;
    private final long pages;
    private final long rowPages = AccessJudge.rowPages();
    private final int rows;
    private final List<double[]> cols = new ArrayList<>();
    private final List<Double> times = new ArrayList<>();
    private final double[] region = new double[3];
    private double[] col;
    private long prev = Long.MIN_VALUE;
    private int outside;

    StudentHeatmap(AccessForms.Form form, long base, long beginUs, AccessParams p) {
        this.form = form;
        this.base = base;
        this.beginUs = beginUs;
        this.p = p;
        this.pages = p.size() / 4096;
        this.rows = (int) (pages / rowPages);
    }

    /** One span of the form, logged at {@code tsUsec}. */
    void add(long tsUsec, AccessForms.Hit hit) {
        if (col == null || tsUsec - prev > AccessJudge.REPORT_GAP_US) {
            col = new double[rows];
            cols.add(col);
            times.add(Math.max(0, tsUsec - beginUs) / 1e6);
        }
        prev = tsUsec;
        long[] range = pageRange(hit, form, base);
        long from = Math.max(0, range[0]);
        long to = Math.min(pages, range[1]);
        if (from >= to) {
            outside++;
            return;
        }
        for (long row = from / rowPages; row <= (to - 1) / rowPages; row++) {
            long lo = Math.max(from, row * rowPages);
            long hi = Math.min(to, (row + 1) * rowPages);
            col[(int) row] += hit.value() * (hi - lo);
        }
        region[0] += hit.value() * overlap(from, to, 0, p.hotEnd() / 4096);
        region[1] += hit.value() * overlap(from, to, p.warmStart() / 4096, p.warmEnd() / 4096);
        region[2] += hit.value() * overlap(from, to, p.warmEnd() / 4096, pages);
    }

    Heatmap build() {
        float[][] freq = new float[cols.size()][rows];
        double[] rowSum = new double[rows];
        double max = 0;
        double[] timesS = new double[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            timesS[c] = Math.max(1, Math.round(times.get(c)));
            for (int r = 0; r < rows; r++) {
                freq[c][r] = (float) (cols.get(c)[r] / rowPages);
                rowSum[r] += freq[c][r];
                max = Math.max(max, freq[c][r]);
            }
        }
        int n = Math.max(1, cols.size());
        Heatmap.Regions regions = new Heatmap.Regions(region[0] / n / (p.hotEnd() / 4096),
                region[1] / n / ((p.warmEnd() - p.warmStart()) / 4096), region[2] / n / (pages - p.warmEnd() / 4096));
        List<String> problems = outside == 0 ? List.of() : List.of(outside + " span(s) outside the 1 GiB buffer (left out)");
        return new Heatmap(timesS, 1.0, rowPages, rows, pages, freq, max, regions, cols.size(), 0, problems, p.durationS(),
                HeatmapBuilder.active(rowSum, cols.size(), rowPages), -1, 0, -1, -1);
    }

    /** The hit as pages {@code [from, to)} of the buffer; run-length indices count from the VA the line printed, if any. */
    static long[] pageRange(AccessForms.Hit h, AccessForms.Form form, long base) {
        return switch (form) {
            case PAGE, PAGE_RANGE -> new long[] {h.from(), h.to()};
            case RUN_LENGTH -> {
                long shift = h.origin() == 0 || base == 0 ? 0 : Math.floorDiv(h.origin() - base, 4096);
                yield new long[] {h.from() + shift, h.to() + shift};
            }
            case MIB_RANGE -> new long[] {h.from() / 4096, h.to() / 4096};
            case VA, VA_RANGE -> new long[] {Math.floorDiv(h.from() - base, 4096), Math.floorDiv(h.to() - base + 4095, 4096)};
        };
    }

    private static long overlap(long from, long to, long lo, long hi) {
        return Math.max(0, Math.min(to, hi) - Math.max(from, lo));
    }
}
