package ptlab.parse;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One per-second report of the access scanner, assembled from its parts, and its {@code heat_done}
 * line when there is one. A report is complete when its parts tile pages {@code 0..pages-1} exactly
 * with {@code k} distinct parts; an incomplete report is never decoded (no guessing).
 */
public record HeatReport(long seq, long tMs, long addr, int pages, int parts, List<HeatPart> seen,
        Optional<KeyValues> done) {
    public HeatReport {
        seen = seen.stream().sorted(Comparator.comparingInt(HeatPart::first).thenComparingInt(HeatPart::line)).toList();
    }

    /** Null when complete, else why not. */
    public String problem() {
        long next = 0;
        java.util.Set<Integer> indexes = new java.util.TreeSet<>();
        for (HeatPart p : seen) {
            // t_ms may differ between parts printed a few ms apart; the report keeps the earliest
            if (p.addr() != addr || p.pages() != pages || p.parts() != parts) {
                return "parts disagree on addr, pages or part count (line " + p.line() + ")";
            }
            if (p.first() != next) {
                return p.first() > next ? "pages " + next + ".." + (p.first() - 1) + " missing" : "parts overlap at page " + p.first();
            }
            indexes.add(p.part());
            next += p.length();
        }
        if (next != pages) {
            return next < pages ? "pages " + next + ".." + (pages - 1) + " missing" : "parts cover " + next + " pages, not " + pages;
        }
        if (indexes.size() != parts || seen.size() != parts) {
            return "expected " + parts + " parts, got " + seen.size();
        }
        return null;
    }

    public boolean complete() {
        return problem() == null;
    }

    /** Per-page counts of a complete report. */
    public int[] decode() {
        String p = problem();
        if (p != null) {
            throw new IllegalStateException("report seq=" + seq + " is incomplete: " + p);
        }
        int[] out = new int[pages];
        for (HeatPart part : seen) {
            Rle.decode(part.rle(), out, part.first());
        }
        return out;
    }
}
