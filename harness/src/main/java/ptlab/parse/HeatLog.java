package ptlab.parse;

import java.util.List;

/**
 * The access scanner's output in kmsg: reports of the last scan session (after the last
 * {@code scan_start} that produced reports), plus that session's start and stop lines.
 */
public record HeatLog(List<HeatReport> reports, KeyValues scanStart, KeyValues scanStop, int sessions) {
    public HeatLog {
        reports = List.copyOf(reports);
    }

    public List<HeatReport> completeReports() {
        return reports.stream().filter(HeatReport::complete).toList();
    }

    public List<HeatReport> incompleteReports() {
        return reports.stream().filter(r -> !r.complete()).toList();
    }
}
