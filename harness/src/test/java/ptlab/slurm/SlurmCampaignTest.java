package ptlab.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.plan.CellResources;
import ptlab.plan.Overrides;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.run.Campaign;
import ptlab.runfolder.CampaignRecord;
import ptlab.runfolder.CellRecord;
import ptlab.spec.SpecFixtures;
import ptlab.testing.TestFiles;

/**
 * The slurm executor's bookkeeping, from real squeue output captured on the one-node cluster
 * (cluster/slurm-local.sh): array task states, cells published or not, cancellation, and a campaign
 * assembled with cells that left no run folder.
 */
class SlurmCampaignTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:02:03Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    RunPlan plan;
    Path campaign;
    Submission submission;

    @BeforeEach
    void fourCellCampaign() throws Exception {
        Path repo = tmp.resolve("repo");
        TestFiles.copyTree(SpecFixtures.REPO, repo);
        plan = RunPlanner.plan(repo.resolve("experiments/matrix.yaml"), repo, Overrides.NONE, CLOCK);
        campaign = plan.campaignDir().orElseThrow();
        Files.createDirectories(campaign.resolve(Submission.FOLDER));
        PlanWriter.write(plan, campaign.resolve("plan.json"));
        submission = new Submission(campaign.resolve("plan.json"), null, "1", "2",
                plan.units().stream().map(u -> u.runId()).toList(), "2026-11-24T01:02:04Z",
                new CellResources(null, 10, 3, 3584, 2, List.of()));
        submission.write(campaign);
    }

    static List<Slurm.Entry> squeue(String name) throws Exception {
        return Slurm.parse(Files.readString(Path.of("harness/src/test/resources/slurm/" + name)));
    }

    /** Publishes cell {@code i} as a copy of a real captured run whose manifest says {@code outcome}. */
    void publish(int i, String outcome) throws Exception {
        Path dir = plan.units().get(i).outputDir();
        TestFiles.copyTree(Path.of("harness/src/test/resources/fixtures/runs/quick-pagetable-bookworm-6.1-tcg"), dir);
        Path m = dir.resolve("manifest.json");
        // the captured manifest is Jackson's default layout: "key" : value
        Files.writeString(m, Files.readString(m).replace("\"outcome\" : \"PASS\"", "\"outcome\" : \"" + outcome + "\""));
    }

    @Test
    void squeueLinesGiveArrayTasksAndPlainJobs() throws Exception {
        List<Slurm.Entry> q = squeue("squeue-submitted.txt");
        assertEquals(5, q.size());
        assertEquals(new Slurm.Entry("1", Optional.of(3), "PENDING", "(None)"), q.get(3));
        assertEquals(new Slurm.Entry("2", Optional.empty(), "PENDING", "(Dependency)"), q.get(4));
        assertTrue(q.stream().allMatch(Slurm.Entry::active));
        assertFalse(squeue("squeue-running.txt").get(0).active(), "COMPLETED is not active");
    }

    @Test
    void statusJoinsRunFoldersWithTheQueue() throws Exception {
        publish(0, "PASS");
        CampaignStatus.Snapshot s = CampaignStatus.of(campaign, submission, squeue("squeue-running.txt"));
        assertEquals(List.of(CampaignStatus.State.DONE, CampaignStatus.State.PENDING, CampaignStatus.State.PENDING,
                CampaignStatus.State.NO_RESULT), s.cells().stream().map(CampaignStatus.Cell::state).toList());
        assertEquals("PASS", s.cells().get(0).detail());
        assertEquals("(Resources)", s.cells().get(1).detail());
        assertTrue(s.active(), "the report job still waits");

        List<Slurm.Entry> later = squeue("squeue-later.txt");
        s = CampaignStatus.of(campaign, submission, later);
        assertEquals(CampaignStatus.State.RUNNING, s.cells().get(2).state());
        assertEquals("on vm", s.cells().get(2).detail());
        // task 1 completed but published nothing: it failed, and says where its log is
        assertEquals(CampaignStatus.State.FAILED, s.cells().get(1).state());
        assertTrue(s.cells().get(1).detail().contains("slurm/cell-1.out"), s.cells().get(1).detail());
    }

    @Test
    void aCancelledCampaignSaysCancelledForEveryCellWithoutResult() throws Exception {
        publish(0, "PASS");
        Files.writeString(campaign.resolve("slurm/cancelled"), "now\n");
        CampaignStatus.Snapshot s = CampaignStatus.of(campaign, submission, List.of());
        assertEquals(List.of(CampaignStatus.State.DONE, CampaignStatus.State.CANCELLED, CampaignStatus.State.CANCELLED,
                CampaignStatus.State.CANCELLED), s.cells().stream().map(CampaignStatus.Cell::state).toList());
        assertFalse(s.active());
    }

    @Test
    void aCampaignWithCellsThatNeverRanIsNoPass() throws Exception {
        publish(0, "PASS");
        publish(2, "PASS");
        Campaign.Finished f = Campaign.assemble(plan, false);
        assertEquals(Outcome.INFRA_ERROR, f.outcome());
        assertFalse(f.report().passed());
        CampaignRecord c = CampaignRecord.read(campaign);
        assertEquals("INFRA_ERROR", c.outcome());
        assertEquals(List.of("PASS", "NO_RESULT", "PASS", "NO_RESULT"),
                c.cells().stream().map(CampaignRecord.Cell::outcome).toList());
        assertEquals(plan.units().stream().map(u -> u.runId()).toList(),
                c.cells().stream().map(CampaignRecord.Cell::runId).toList());
        // junit.xml: the two cells without a run folder are errors in a suite of their own
        Element suite = withoutResult(f.junit());
        assertEquals(List.of(plan.units().get(1).runId(), plan.units().get(3).runId()), errorCases(suite, "no-result"));
        String report = Files.readString(campaign.resolve("report.md"));
        assertTrue(report.contains("Cells without a result"), report);
        assertTrue(report.contains(plan.units().get(3).runId()), report);

        Campaign.Finished cancelled = Campaign.assemble(plan, true);
        assertEquals(Outcome.INTERRUPTED, cancelled.outcome());
    }

    @Test
    void noCellAtAllStillWritesTheCampaign() throws Exception {
        Campaign.Finished f = Campaign.assemble(plan, true);
        assertEquals(Outcome.INTERRUPTED, f.outcome());
        CampaignRecord c = CampaignRecord.read(campaign);
        assertEquals("INTERRUPTED", c.outcome());
        assertEquals(List.of("CANCELLED", "CANCELLED", "CANCELLED", "CANCELLED"),
                c.cells().stream().map(CampaignRecord.Cell::outcome).toList());
        Element suites = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.junit().toFile())
                .getDocumentElement();
        assertEquals("4", suites.getAttribute("tests"));
        assertEquals("4", suites.getAttribute("errors"));
        assertEquals(plan.units().stream().map(u -> u.runId()).toList(), errorCases(withoutResult(f.junit()), "no-result"));
    }

    @Test
    void aDoneCellsRequeueCountComesFromItsCellJson() throws Exception {
        publish(0, "FAIL");
        new CellRecord(plan.units().get(0).runId(), "slurm", "1_0", "vm", 2, "2026-11-24T01:02:05Z",
                "2026-11-24T01:04:05Z").write(plan.units().get(0).folder().cell());
        CampaignStatus.Cell done = CampaignStatus.of(campaign, submission, List.of()).cells().get(0);
        assertEquals(new CampaignStatus.Cell(0, plan.units().get(0).runId(), CampaignStatus.State.DONE, "FAIL", 2), done);
    }

    /** The suite of a campaign's junit.xml that holds the cells without a run folder. */
    private static Element withoutResult(Path junit) throws Exception {
        NodeList suites = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile())
                .getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            if (s.getAttribute("name").endsWith(".cells-without-result")) {
                return s;
            }
        }
        throw new AssertionError("no suite of cells without result in " + junit);
    }

    /** The names of the suite's test cases, each of which must hold exactly one error of {@code type}. */
    private static List<String> errorCases(Element suite, String type) {
        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            NodeList errors = tc.getElementsByTagName("error");
            assertEquals(1, errors.getLength(), tc.getAttribute("name"));
            assertEquals(type, ((Element) errors.item(0)).getAttribute("type"));
            names.add(tc.getAttribute("name"));
        }
        assertEquals(Integer.toString(names.size()), suite.getAttribute("errors"));
        return names;
    }

    @Test
    void resourcesDefaultFromTheGuestAndSteps() {
        CellResources o = new CellResources(null, null, null, null, null, null).resolve(plan);
        assertEquals(3, o.cpusPerTask(), "2 vCPUs + 1");
        assertEquals(2048 + CellResources.HARNESS_MIB, o.memMib());
        long deadline = 120 + plan.units().get(0).steps().stream().mapToLong(s -> s.timeoutS()).sum();
        assertEquals((int) ((deadline + 59) / 60), o.timeMinutes().intValue());
        assertTrue(SlurmExecutor.perCell(o).containsAll(List.of("--cpus-per-task=3", "--mem=3584")), o.toString());

        HarnessException e = assertThrows(HarnessException.class,
                () -> new CellResources(null, null, 1, null, null, null).resolve(plan));
        assertTrue(e.getMessage().contains("--cpus-per-cell 1 is fewer than the guest's 2 vCPUs"), e.getMessage());
        e = assertThrows(HarnessException.class, () -> new CellResources(null, null, null, 2048, null, null).resolve(plan));
        assertTrue(e.getMessage().contains("--mem-per-cell"), e.getMessage());
    }

    @Test
    void aSingleRunBecomesACampaignOfOne() throws Exception {
        Path repo = tmp.resolve("repo");
        RunPlan one = RunPlanner.plan(repo.resolve("experiments/minimal.yaml"), repo, Overrides.NONE, CLOCK);
        assertTrue(one.campaignDir().isEmpty());
        RunPlan c = one.asCampaign();
        assertEquals(Optional.of(repo.resolve("results").resolve(one.spec().experiment()).resolve("20261124-010203")),
                c.campaignDir());
        assertEquals(c.campaignDir().get().resolve(one.units().get(0).runId()), c.units().get(0).outputDir());
    }
}
