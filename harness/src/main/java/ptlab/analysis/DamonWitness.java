package ptlab.analysis;

import java.util.ArrayList;
import java.util.List;
import ptlab.parse.AccessParams;
import ptlab.parse.DamonTraceParser.Aggregation;
import ptlab.parse.DamonTraceParser.Region;

/**
 * DAMON's regions of the access workload's buffer, judged against the pattern the workload was told to make:
 * per aggregation, whether the interior of hot and warm (each shrunk by {@link #TOLERANCE} at both ends) lay
 * mostly in regions DAMON saw accessed, whether an accessed region lay wholly in cold, and where the accessed
 * part of the buffer ended. A region is DAMON's unit: one straddling the warm/cold edge while DAMON is still
 * splitting toward it carries warm's accesses, and one reaching past the buffer's end carries the accesses to
 * whatever is mapped there (sid 7.2 once saw the buffer's last 2.2 MiB "accessed" that way); both are DAMON's
 * resolution, not an access to cold.
 *
 * <p>What is judged: no accessed region wholly in cold; the accessed part ends within the tolerance of a true
 * edge (warm_end, or hot_end when warm looks idle) in at least {@link #MIN_EDGE} of aggregations; hot seen in
 * at least {@link #MIN_SEEN}; warm seen in at least {@link #MIN_SEEN}, except in an emulated (TCG) guest whose
 * workload did not flush its own TLB (runs from before {@code --flush-ms}): DAMON clears accessed bits without a
 * flush, QEMU's software TLB then keeps the readers' translations, and their reads set no accessed bit again.
 *
 * @param aggregations   aggregations that covered the buffer
 * @param hotSeen        of them, those in which most of hot's interior was in accessed regions
 * @param warmSeen       the same for warm
 * @param coldSeen       those with an accessed region lying wholly in cold
 * @param straddling     those with an accessed region crossing warm_end by more than the tolerance
 * @param edgeFound      those whose accessed part ends within the tolerance of warm_end or hot_end
 * @param warmEndEdge    those with a region boundary within the tolerance of warm_end
 * @param hotEndEdge     those with a region boundary within the tolerance of hot_end
 * @param maxAccesses    sampled accesses per aggregation at most (aggregation / sample interval)
 * @param emulated       whether the guest ran under TCG
 * @param flushMs        how often the workload flushed its own TLB (0: never)
 * @param meanIntervalS  the mean time between two aggregations covering the buffer (kdamond can fall behind its
 *                       aggregation interval; 0 with fewer than two)
 * @param map            the regions over time in the shape of the scanner's heatmap (sampled accesses per aggregation),
 *                       each aggregation drawn over the whole time since the one before it
 */
public record DamonWitness(int aggregations, int hotSeen, int warmSeen, int coldSeen, int straddling, int edgeFound,
        int warmEndEdge, int hotEndEdge, int maxAccesses, boolean emulated, int flushMs, double meanIntervalS,
        Heatmap map, OracleResult oracle) {
    public static final String NAME = "DAMON witness of the heatmap";
    /** How far a DAMON region boundary may lie from a true edge (the issue measured 0.5 MiB under TCG). */
    public static final long TOLERANCE = 1L << 20;
    /** Hot and warm must each be seen accessed in at least this share of aggregations (see the caption). */
    public static final double MIN_SEEN = 0.10;
    /** The warm/cold edge must appear in at least this share of aggregations. */
    public static final double MIN_EDGE = 0.50;
    static final int MAX_ROWS = 512;

    public double share(int n) {
        return aggregations == 0 ? 0 : (double) n / aggregations;
    }

    /**
     * @param base      the buffer's first address
     * @param p         the pattern (size, hot_end, warm_start, warm_end, duration_s)
     * @param aggrUs    the aggregation interval
     * @param sampleUs  the sampling interval
     * @param emulated  whether the guest ran under TCG
     * @param flushMs   how often the workload flushed its TLB; 0 under TCG: warm's share is reported, not judged
     */
    public static DamonWitness judge(List<Aggregation> aggs, long base, AccessParams p, long aggrUs, long sampleUs,
            boolean emulated, int flushMs) {
        long size = p.size();
        long pages = (size + 4095) / 4096;
        long rowPages = Math.max(1, (pages + MAX_ROWS - 1) / MAX_ROWS);
        int rows = (int) ((pages + rowPages - 1) / rowPages);
        int max = (int) Math.max(1, aggrUs / Math.max(1, sampleUs));
        double aggrS = aggrUs / 1e6;
        List<float[]> cols = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        int n = 0;
        int hot = 0;
        int warm = 0;
        int cold = 0;
        int straddle = 0;
        int edge = 0;
        int warmEdge = 0;
        int hotEdge = 0;
        double sumHot = 0;
        double sumWarm = 0;
        double sumCold = 0;
        double t0 = aggs.isEmpty() ? 0 : aggs.get(0).tS();
        double first = 0;
        double last = 0;
        int lastSlot = 0;
        for (Aggregation a : aggs) {
            List<Region> in = clip(a.regions(), base, size);
            if (in.isEmpty()) {
                continue;
            }
            n++;
            if (n == 1) {
                first = a.tS() - t0 + aggrS;
            }
            double h = accessedShare(in, TOLERANCE, p.hotEnd() - TOLERANCE);
            double w = accessedShare(in, p.warmStart() + TOLERANCE, p.warmEnd() - TOLERANCE);
            hot += h > 0.5 ? 1 : 0;
            warm += w > 0.5 ? 1 : 0;
            long accessedEnd = 0;
            for (Region r : in) {
                if (r.nrAccesses() > 0) {
                    accessedEnd = Math.max(accessedEnd, r.end());
                }
            }
            // wholly in cold: a region reaching past the buffer's end also holds what is mapped beyond it
            boolean inCold = a.regions().stream().anyMatch(r -> r.nrAccesses() > 0 && r.start() >= base + p.warmEnd()
                    && r.end() <= base + size);
            cold += inCold ? 1 : 0;
            straddle += !inCold && accessedEnd > p.warmEnd() + TOLERANCE ? 1 : 0;
            edge += Math.abs(accessedEnd - p.warmEnd()) <= TOLERANCE || Math.abs(accessedEnd - p.hotEnd()) <= TOLERANCE ? 1 : 0;
            warmEdge += boundaryNear(in, p.warmEnd(), size) ? 1 : 0;
            hotEdge += boundaryNear(in, p.hotEnd(), size) ? 1 : 0;
            sumHot += meanAccesses(in, 0, p.hotEnd());
            sumWarm += meanAccesses(in, p.warmStart(), p.warmEnd());
            sumCold += meanAccesses(in, p.warmEnd(), size);
            float[] col = new float[rows];
            for (int r = 0; r < rows; r++) {
                long mid = (r * rowPages + rowPages / 2) * 4096;
                col[r] = at(in, Math.min(mid, size - 1));
            }
            double t = a.tS() - t0 + aggrS;
            // an aggregation covers the time since the one before it: drawn over every column slot of it (the
            // figure puts a column ending at t in slot round(t / aggrS) - 1), not as a gap
            int slot = (int) Math.round(t / aggrS) - 1;
            for (int k = times.isEmpty() ? slot : lastSlot + 1; k < slot; k++) {
                cols.add(col);
                times.add((k + 1) * aggrS);
            }
            cols.add(col);
            times.add(t);
            lastSlot = slot;
            last = t;
        }
        double meanInterval = n < 2 ? 0 : (last - first) / (n - 1);
        double[] timesS = times.stream().mapToDouble(Double::doubleValue).toArray();
        Heatmap map = new Heatmap(timesS, aggrS, rowPages, rows, pages, cols.toArray(new float[0][]), max,
                new Heatmap.Regions(n == 0 ? 0 : sumHot / n, n == 0 ? 0 : sumWarm / n, n == 0 ? 0 : sumCold / n), n, 0,
                List.of(), Math.round(p.durationS() / aggrS), List.of(), -1, -1, -1, -1);
        DamonWitness partial = new DamonWitness(n, hot, warm, cold, straddle, edge, warmEdge, hotEdge, max, emulated, flushMs,
                meanInterval, map, null);
        return new DamonWitness(n, hot, warm, cold, straddle, edge, warmEdge, hotEdge, max, emulated, flushMs,
                meanInterval, map, partial.verdict());
    }

    /** Under TCG without the workload's own TLB flushes, DAMON cannot see a region reliably (see the class). */
    public boolean warmUnjudged() {
        return emulated && flushMs == 0;
    }

    private OracleResult verdict() {
        boolean warmOk = warmUnjudged() || share(warmSeen) >= MIN_SEEN;
        boolean ok = aggregations >= 10 && coldSeen == 0 && share(hotSeen) >= MIN_SEEN && warmOk
                && share(edgeFound) >= MIN_EDGE;
        String d = Fmt.f("%s aggregations covered the buffer; an accessed region wholly in cold in %s (needs 0; %s more"
                + " straddled warm_end or the buffer's end while DAMON split toward it); the accessed part ended within %s of warm_end or hot_end"
                + " in %s (needs >= %s); hot seen accessed in %s (needs >= %s); warm in %s (%s)",
                Fmt.count(aggregations), Fmt.count(coldSeen), Fmt.count(straddling), Fmt.size(TOLERANCE),
                Fmt.pct(share(edgeFound)), Fmt.pct(MIN_EDGE), Fmt.pct(share(hotSeen)), Fmt.pct(MIN_SEEN),
                Fmt.pct(share(warmSeen)), warmUnjudged() ? "reported, not judged: TCG, and the workload did not flush its"
                        + " TLB, so DAMON's unflushed accessed-bit clears hide its reads" : "needs >= " + Fmt.pct(MIN_SEEN));
        if (aggregations < 10) {
            d += "; fewer than 10 aggregations";
        }
        return OracleResult.of(NAME, ok, d);
    }

    /** The regions' parts inside {@code [base, base + size)}, as offsets from base. */
    static List<Region> clip(List<Region> regions, long base, long size) {
        List<Region> out = new ArrayList<>();
        for (Region r : regions) {
            long s = Math.max(r.start(), base) - base;
            long e = Math.min(r.end(), base + size) - base;
            if (e > s) {
                out.add(new Region(s, e, r.nrAccesses(), r.age()));
            }
        }
        return out;
    }

    /** Share of {@code [from, to)} lying in regions with at least one sampled access (0 when the range is empty). */
    static double accessedShare(List<Region> in, long from, long to) {
        if (to <= from) {
            return 0;
        }
        long hit = 0;
        for (Region r : in) {
            if (r.nrAccesses() > 0) {
                hit += Math.max(0, Math.min(r.end(), to) - Math.max(r.start(), from));
            }
        }
        return (double) hit / (to - from);
    }

    /** Byte-weighted mean of nr_accesses over {@code [from, to)}. */
    static double meanAccesses(List<Region> in, long from, long to) {
        double sum = 0;
        long covered = 0;
        for (Region r : in) {
            long b = Math.max(0, Math.min(r.end(), to) - Math.max(r.start(), from));
            sum += (double) b * r.nrAccesses();
            covered += b;
        }
        return covered == 0 ? 0 : sum / covered;
    }

    /** Whether a boundary between two regions inside the buffer lies within the tolerance of {@code edge}. */
    static boolean boundaryNear(List<Region> in, long edge, long size) {
        for (Region r : in) {
            if (r.end() < size && Math.abs(r.end() - edge) <= TOLERANCE) {
                return true;
            }
        }
        return false;
    }

    private static float at(List<Region> in, long offset) {
        for (Region r : in) {
            if (offset >= r.start() && offset < r.end()) {
                return r.nrAccesses();
            }
        }
        return Float.NaN;
    }
}
