package ptlab.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.changes.Baselines;
import ptlab.changes.Changes;
import ptlab.changes.ChangesReport;
import ptlab.report.Section;
import ptlab.Outcome;
import java.util.Optional;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.report.CampaignReport;
import ptlab.junit.JUnitXml;
import ptlab.runfolder.CampaignRecord;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;

/**
 * The end of a campaign (a plan with several cells): campaign.json (the plan and each cell's folder,
 * outcome and time), the campaign report over every cell, and junit.xml merging the cells' suites. A
 * cell that failed keeps its results and is named in the report; the others are compared as usual. A
 * cell that left no run folder (it never ran, or was cancelled) is named as such, never counted as a pass.
 */
public final class Campaign {
    public static final String FILE = CampaignRecord.FILE;

    /** What the campaign produced. */
    public record Finished(Path dir, Outcome outcome, CampaignReport.Result report, Path junit) {
    }

    private Campaign() {
    }

    /** A cell as the campaign sees it: its outcome, or none when it left no run folder (and why). */
    public record Cell(RunUnit unit, Optional<Outcome> outcome, String message) {
        static Cell of(RunOrchestrator.UnitResult r) {
            return new Cell(r.unit(), Optional.of(r.outcome()), r.message());
        }

        /** What campaign.json says of it: the outcome, or NO_RESULT / CANCELLED. */
        public String state() {
            return outcome.map(Outcome::name).orElse(message.startsWith(CANCELLED) ? "CANCELLED" : "NO_RESULT");
        }
    }

    /** The message of a cell that has no result because the campaign was cancelled. */
    public static final String CANCELLED = "cancelled";

    public static Finished finish(RunPlan plan, List<RunOrchestrator.UnitResult> results) {
        return finishCells(plan, results.stream().map(Cell::of).toList());
    }

    /**
     * The campaign of a plan whose cells ran elsewhere (array tasks): each cell's outcome is read from its
     * run folder's manifest; a cell without one has no result, because it never ran, failed before
     * publishing its folder, or ({@code cancelled}) was cancelled.
     */
    public static Finished assemble(RunPlan plan, boolean cancelled) {
        List<Cell> cells = new ArrayList<>();
        for (RunUnit u : plan.units()) {
            Path manifest = u.folder().manifest();
            if (Files.isRegularFile(manifest)) {
                Manifest m = Manifest.read(manifest);
                cells.add(new Cell(u, Optional.of(m.recordedOutcome().orElse(Outcome.INFRA_ERROR)), m.message()));
            } else {
                cells.add(new Cell(u, Optional.empty(), cancelled ? CANCELLED
                        : "never ran to the end: its task left no run folder (the task's log is in slurm/)"));
            }
        }
        return finishCells(plan, cells);
    }

    private static Finished finishCells(RunPlan plan, List<Cell> results) {
        Path dir = plan.campaignDir().orElseThrow(() -> new IllegalArgumentException("a single run is no campaign"));
        Outcome worst = Outcome.PASS;
        List<CampaignRecord.Cell> cells = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (Cell r : results) {
            cells.add(new CampaignRecord.Cell(r.unit().runId(), r.unit().image(), r.unit().repetition(),
                    dir.relativize(r.unit().outputDir()).toString(), r.state(), r.message()));
            Outcome o = r.outcome().orElse(r.message().startsWith(CANCELLED) ? Outcome.INTERRUPTED : Outcome.INFRA_ERROR);
            if (r.outcome().isPresent()) {
                folders.add(r.unit().outputDir());
            } else {
                missing.put(r.unit().runId(), r.message());
            }
            worst = Outcome.worst(worst, o);
        }
        new CampaignRecord(plan.spec().experiment(), dir.getFileName().toString(), plan.createdAt(),
                new Manifest.FileRef(plan.specFile().toString(), plan.specSha256()), plan.spec().images(),
                plan.spec().repetitions(), cells, worst.name()).write(dir);
        List<String> missingLines = missing.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        Section changes = null;
        List<Path> junits = new ArrayList<>(CampaignReport.sorted(folders).stream().map(f -> new RunFolder(f).junit()).toList());
        if (plan.overrides().baseline() != null && !folders.isEmpty()) {
            try {
                Changes c = Baselines.compare(Path.of(plan.overrides().baseline()), dir, dir, plan.spec().experiment()
                        + ".changes");
                changes = ChangesReport.section(c);
                junits.add(0, dir.resolve(Baselines.JUNIT));
                worst = Outcome.worst(worst, c.outcome());
            } catch (HarnessException e) {
                changes = new Section(ChangesReport.TITLE, true, List.of(new ptlab.report.Block.Paragraph(
                        "The comparison with the baseline " + plan.overrides().baseline() + " failed: " + e.getMessage())));
                worst = Outcome.worst(worst, Outcome.INFRA_ERROR);
            }
        }
        CampaignReport.Result report = folders.isEmpty()
                ? new CampaignReport.Result(plan.spec().experiment(), false, missingLines, List.of())
                : CampaignReport.render(dir, folders, missingLines, changes);
        Path junit = mergeJunit(dir, plan.spec().experiment(), junits, missing);
        return new Finished(dir, worst, report, junit);
    }

    /** The campaign's junit.xml: every cell's suite (cells without one are skipped, they wrote none). */
    public static Path writeJunit(Path dir, String name, List<Path> cellFolders) {
        return writeJunit(dir, name, cellFolders, (Path) null);
    }

    /** As above, with the suite of the changes since a baseline ({@code changes}, null: none) first. */
    public static Path writeJunit(Path dir, String name, List<Path> cellFolders, Path changes) {
        List<Path> junits = new ArrayList<>();
        if (changes != null) {
            junits.add(changes);
        }
        CampaignReport.sorted(cellFolders).forEach(f -> junits.add(new RunFolder(f).junit()));
        return mergeJunit(dir, name, junits, Map.of());
    }

    /** junit.xml in {@code dir}: the suites in {@code junitFiles} that exist, and one error per cell without result. */
    private static Path mergeJunit(Path dir, String name, List<Path> junitFiles, Map<String, String> missing) {
        List<Path> junits = junitFiles.stream().filter(Files::isRegularFile).toList();
        Path out = dir.resolve(RunFolder.JUNIT);
        try {
            Files.writeString(out, JUnitXml.merge(name, junits, missing), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }
}
