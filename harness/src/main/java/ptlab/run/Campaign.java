package ptlab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.plan.RunPlan;
import ptlab.report.CampaignReport;
import ptlab.report.JUnitXml;
import ptlab.runfolder.RunFolder;

/**
 * The end of a campaign (a plan with several cells): campaign.json (the plan and each cell's folder,
 * outcome and time), the campaign report over every cell, and junit.xml merging the cells' suites. A
 * cell that failed keeps its results and is named in the report; the others are compared as usual.
 */
public final class Campaign {
    public static final String FILE = "campaign.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the campaign produced. */
    public record Finished(Path dir, Outcome outcome, CampaignReport.Result report, Path junit) {
    }

    private Campaign() {
    }

    public static Finished finish(RunPlan plan, List<RunOrchestrator.UnitResult> results) {
        Path dir = plan.campaignDir().orElseThrow(() -> new IllegalArgumentException("a single run is no campaign"));
        Outcome worst = Outcome.PASS;
        List<Map<String, Object>> cells = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (RunOrchestrator.UnitResult r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("run_id", r.unit().runId());
            c.put("image", r.unit().image());
            c.put("repetition", r.unit().repetition());
            c.put("folder", dir.relativize(r.unit().outputDir()).toString());
            c.put("outcome", r.outcome().name());
            c.put("message", r.message());
            cells.add(c);
            folders.add(r.unit().outputDir());
            worst = r.outcome().exitCode() > worst.exitCode() ? r.outcome() : worst;
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("experiment", plan.spec().experiment());
        root.put("campaign_id", dir.getFileName().toString());
        root.put("created_at", plan.createdAt());
        root.put("spec", Map.of("file", plan.specFile().toString(), "sha256", plan.specSha256()));
        root.put("images", plan.spec().images());
        root.put("repetitions", plan.spec().repetitions());
        root.put("cells", cells);
        root.put("outcome", worst.name());
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(FILE).toFile(), root);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        CampaignReport.Result report = CampaignReport.render(dir, folders);
        Path junit = writeJunit(dir, plan.spec().experiment(), folders);
        return new Finished(dir, worst, report, junit);
    }

    /** The campaign's junit.xml: every cell's suite (cells without one are skipped, they wrote none). */
    public static Path writeJunit(Path dir, String name, List<Path> cellFolders) {
        List<Path> junits = CampaignReport.sorted(cellFolders).stream().map(f -> new RunFolder(f).junit())
                .filter(Files::isRegularFile).toList();
        Path out = dir.resolve(RunFolder.JUNIT);
        try {
            Files.writeString(out, JUnitXml.merge(name, junits), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }
}
