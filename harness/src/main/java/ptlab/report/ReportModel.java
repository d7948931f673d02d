package ptlab.report;

import java.util.List;
import ptlab.analysis.OracleResult;

/** Everything report.md and report.html show, in order. */
public record ReportModel(String title, List<String> summary, List<OracleResult> oracles, List<Section> sections) {
    public ReportModel {
        summary = List.copyOf(summary);
        oracles = List.copyOf(oracles);
        sections = List.copyOf(sections);
    }
}
