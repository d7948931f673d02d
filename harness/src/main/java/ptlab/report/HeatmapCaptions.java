package ptlab.report;

import ptlab.analysis.Fmt;
import ptlab.analysis.Heatmap;
import java.util.ArrayList;
import java.util.List;
import ptlab.parse.AccessParams;

/** Captions of the access heatmap (the lkp25p3 A-bit scanner), written from the data. */
public final class HeatmapCaptions {
    private HeatmapCaptions() {
    }

    public static String heatmap(Heatmap h, AccessParams p) {
        return heatmap(h, p, null);
    }

    public static String heatmap(Heatmap h, AccessParams p, AccessPasses passes) {
        Heatmap.Regions r = h.regions();
        StringBuilder s = new StringBuilder(Fmt.f("%d complete report(s) of %s s each (%d incomplete; %d expected for %d s); each column is drawn at the time its report was logged, so grey shows seconds with no report (incomplete, or a late report under load). ",
                h.complete(), Fmt.sig3(h.columnWidthS()), h.incomplete(), h.expected(), p.durationS()));
        s.append(Fmt.f("Mean accesses/s per page: hot [0, %s) %s, warm [%s, %s) %s, cold [%s, %s) %s. ",
                Fmt.size(p.hotEnd()), Fmt.sig3(r.hot()), Fmt.size(p.warmStart()), Fmt.size(p.warmEnd()), Fmt.sig3(r.warm()),
                Fmt.size(p.warmEnd()), Fmt.size(p.size()), Fmt.sig3(r.cold())));
        s.append(active(h, "/s"));
        s.append(Fmt.f("Rows are %s (%d pages, mean); the A bit is sampled every %d ms, so a page reads at most %s/s. ",
                Fmt.size(h.rowPages() * 4096.0), h.rowPages(), p.scanPeriodMs(), Fmt.sig3(1000.0 / p.scanPeriodMs())));
        s.append(saturation(passes, p));
        if (h.scanNsAvg() >= 0) {
            s.append(Fmt.f("One scan of the buffer took %s on average (max %s). ", Fmt.us(h.scanNsAvg()), Fmt.us(h.scanNsMax())));
        }
        if (h.presentPages() >= 0) {
            s.append(Fmt.f("Last report: %s present pages, %s in THP (THP setting '%s'). ", Fmt.count(h.presentPages()),
                    Fmt.count(Math.max(0, h.thpPages())), p.thp()));
        }
        return s.toString().trim();
    }

    /**
     * Why hot and warm can read the same rate: a page's A bit is sampled once per scan period, so a page touched at
     * least once per period reads the ceiling; the passes the workload counted say whether both regions did.
     */
    public static String saturation(AccessPasses a, AccessParams p) {
        if (a == null || a.elapsedMs() <= 0) {
            return "";
        }
        double secs = a.elapsedMs() / 1000.0;
        double ceiling = 1000.0 / p.scanPeriodMs();
        double hotRate = a.hotPasses() / secs;
        double warmRate = a.warmPasses() / secs;
        StringBuilder s = new StringBuilder(AccessPasses.sentence(a));
        boolean hotSat = hotRate >= ceiling;
        boolean warmSat = warmRate >= ceiling;
        if (hotSat && warmSat) {
            s.append(Fmt.f("Both rates are above the %s/s a %d ms A-bit sample can show (one young bit per sample), so hot and warm"
                    + " both read at most %s/s and the heatmap cannot tell them apart by rate; a shorter scan period or a"
                    + " slower warm period would. ", Fmt.sig3(ceiling), p.scanPeriodMs(), Fmt.sig3(ceiling)));
        } else if (hotSat) {
            s.append(Fmt.f("Hot passes come faster than the %s/s ceiling of a %d ms sample; warm ones do not, so warm reads below"
                    + " hot. ", Fmt.sig3(ceiling), p.scanPeriodMs()));
        } else {
            s.append(Fmt.f("Neither region is read faster than the %s/s ceiling of a %d ms sample. ", Fmt.sig3(ceiling),
                    p.scanPeriodMs()));
        }
        return s.toString();
    }

    /** "Active ranges found in the data: [0, 256 MiB) at 9.8/s. " */
    static String active(Heatmap h, String unit) {
        if (h.active().isEmpty()) {
            return "No active range found in the data. ";
        }
        List<String> ranges = new ArrayList<>();
        for (Heatmap.Range a : h.active()) {
            ranges.add(Fmt.f("[%s, %s) at %s%s", Fmt.size(a.startBytes()), Fmt.size(a.endBytes()), Fmt.sig3(a.meanFreq()), unit));
        }
        return "Active ranges found in the data: " + String.join(", ", ranges) + ". ";
    }

    /**
     * A submission's heatmap, drawn from the student's own report lines in the student's own unit.
     *
     * @param form      how the lines were read
     * @param baseNote  where the buffer's start came from, or empty
     */
    public static String student(Heatmap h, AccessParams p, String form, String baseNote) {
        Heatmap.Regions r = h.regions();
        StringBuilder s = new StringBuilder(Fmt.f("The student's own reports, read as %s%s: %d report(s) for a %d s run; each"
                + " column is drawn at the time its report was logged, grey where none came. ", form,
                baseNote.isEmpty() ? "" : " (" + baseNote + ")", h.complete(), p.durationS()));
        s.append(Fmt.f("Mean value per page, in the student's unit (pages a report does not name count 0): hot [0, %s) %s,"
                + " warm [%s, %s) %s, idle [%s, %s) %s. ", Fmt.size(p.hotEnd()), Fmt.sig3(r.hot()), Fmt.size(p.warmStart()),
                Fmt.size(p.warmEnd()), Fmt.sig3(r.warm()), Fmt.size(p.warmEnd()), Fmt.size(p.size()), Fmt.sig3(r.cold())));
        s.append(active(h, ""));
        h.problems().forEach(x -> s.append(x).append(". "));
        return s.toString().trim();
    }
}
