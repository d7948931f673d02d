package ptlab.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.Outcome;
import ptlab.SourceLocatedException;
import ptlab.analysis.OracleResult;
import ptlab.json.Json;
import ptlab.spec.Author;

/** manifest.json as the typed record, from the captured run folders of the version-1 format and back. */
class ManifestTest {
    private static final Path RUNS = Path.of("harness/src/test/resources/fixtures/runs");

    @TempDir
    Path tmp;

    @Test
    void aCapturedVersionOneManifestReadsEveryField() {
        Manifest m = Manifest.read(RUNS.resolve("quick-part2-bookworm-6.1-tcg/manifest.json"));
        assertEquals(1, m.version());
        assertEquals("quick-part2", m.experiment());
        assertEquals("20261124-011207-bookworm-r1", m.runId());
        assertEquals(new Author("First", "Last"), m.author());
        assertEquals("First-Last", m.authorTag());
        assertEquals("bookworm", m.imageName());
        assertEquals(190, m.image().packages());
        assertEquals("e7e91d431ad67cce", m.image().cacheKey());
        assertEquals(new Manifest.Vm(2, 2048, "root=/dev/vda rw console=ttyS0,115200 panic=-1 log_buf_len=64M"
                + " loglevel=4 net.ifnames=0 mitigations=off"), m.vm());
        assertEquals("tcg", m.accelerator());
        assertEquals(Map.of("lkp25p3", 0L), m.buildWarnings());
        assertEquals(0L, m.totalBuildWarnings());
        assertEquals(17821L, m.kmsgRecords());
        assertEquals(34.992, m.bootToSshS());
        assertNull(m.guestCmdline());
        assertEquals(Optional.of(Outcome.PASS), m.recordedOutcome());
        assertEquals("", m.message());
        // version 1 spelled a step's exit status exitStatus
        assertEquals(List.of("image", "boot", "build-workloads", "guest-info", "build-lkp25p3", "insmod-lkp25p3",
                "xlate", "vma_dump", "access", "collect", "render"), m.steps().stream().map(StepRecord::name).toList());
        assertEquals(new StepRecord("build-workloads", "ok", 11.04, "make -C /root/ptlab/src/workloads all kmsgcat", 0,
                null), m.step("build-workloads").orElseThrow());
        assertNull(m.step("boot").orElseThrow().exitStatus());
        // and an oracle's result as a passed flag
        assertEquals(List.of(OracleResult.pass("no kmsg record lost", "17,821 records, seq 0..17820, 0 lost")),
                m.oracles());
    }

    @Test
    void everyCapturedManifestAndTheHandMadeOneRead() throws IOException {
        try (var runs = Files.list(RUNS)) {
            for (Path run : runs.sorted().toList()) {
                Manifest m = Manifest.read(run.resolve(RunFolder.MANIFEST));
                assertEquals(run.getFileName().toString().replaceFirst("-bookworm-6.1-tcg$", ""), m.experiment());
                assertEquals(Optional.of(Outcome.PASS), m.recordedOutcome(), run.toString());
                assertTrue(m.oracles().stream().allMatch(OracleResult::passed), run.toString());
                assertTrue(m.steps().stream().noneMatch(StepRecord::failed), run.toString());
            }
        }
        Manifest hand = Manifest.read(Path.of("harness/src/test/resources/fixtures/handmade-run/manifest.json"));
        assertEquals(List.of(20.5, 17.0), hand.steps().stream().map(StepRecord::seconds).toList());
        assertEquals(List.of(), hand.oracles());
    }

    @Test
    void aVersionTwoManifestRecordsEachOracleStatusAndReadsBackTheSame() throws IOException {
        Manifest old = Manifest.read(RUNS.resolve("quick-part1-bookworm-6.1-tcg/manifest.json"));
        List<OracleResult> oracles = List.of(OracleResult.pass("a", "fine"), OracleResult.fail("b", "broken"),
                OracleResult.notApplicable("c", "not available on this kernel"));
        Manifest m = new Manifest(Manifest.VERSION, old.experiment(), old.runId(), old.repetition(), old.author(),
                old.spec(), 1, old.sourceRoot(), old.gitCommit(), old.qemuVersion(), old.hostCpu(), old.harnessVersion(),
                old.startedAt(), old.image(), old.guestKernel(), "qemu", "boot", null, old.accelerator(), old.vm(),
                List.of("qemu-system-x86_64"), Map.of(), old.inputs(), old.bootToSshS(), old.buildWarnings(),
                Map.of("lkp25p3", "guest"), true, null, old.artifacts(), null, null, null, old.rawSha256(),
                old.kmsgRecords(), old.kmsgLost(), null, oracles, old.steps(), old.finishedAt(), 100L, Outcome.FAIL, 1,
                "oracle failed: b (broken)");
        Path f = tmp.resolve("manifest.json");
        Json.write(f, m);
        assertEquals(m, Manifest.read(f));
        JsonNode tree = Json.tree(f);
        assertEquals(2, tree.get("manifest_version").asInt());
        assertEquals("NOT_APPLICABLE", tree.get("oracles").get(2).get("status").asText());
        assertTrue(tree.get("oracles").get(2).path("passed").isMissingNode(), "a status, not a passed flag");
        assertEquals("exit_status", tree.get("steps").get(2).properties().stream().map(Map.Entry::getKey)
                .filter(k -> k.startsWith("exit")).findFirst().orElseThrow());
        assertTrue(tree.has("raw_sha256") && tree.has("boot_to_ssh_s") && tree.has("harness_peak_rss_mib"));
    }

    @Test
    void anOldOraclesFileWithPassedFlagsReads() {
        Path f = tmp.resolve("oracles.json");
        writeText(f, "[{\"name\": \"x\", \"passed\": false, \"detail\": \"d\"}, {\"name\": \"y\", \"passed\": true,"
                + " \"detail\": \"e\"}]");
        assertEquals(List.of(OracleResult.fail("x", "d"), OracleResult.pass("y", "e")), OracleFile.read(f));
    }

    @Test
    void anOutcomeThisHarnessDoesNotKnowIsNoOutcome() {
        assertEquals(Optional.of(Outcome.FAIL), Manifest.parse("{\"outcome\": \"FAIL\", \"message\": \"m\"}")
                .recordedOutcome());
        assertEquals("m", Manifest.parse("{\"outcome\": \"FAIL\", \"message\": \"m\"}").message());
        // a manifest from a newer harness, or edited by hand: read, not a crash of campaign assembly
        assertTrue(Manifest.parse("{\"outcome\": \"PASSED\"}").recordedOutcome().isEmpty());
        assertTrue(Manifest.parse("{}").isEmpty());
    }

    @Test
    void missingManifestIsEmptyAndBadJsonNamesTheLine() {
        assertTrue(Manifest.readIfPresent(tmp.resolve("nope.json")).isEmpty());
        assertEquals("Unknown-Author", Manifest.empty().authorTag());
        Path f = tmp.resolve("m.json");
        writeText(f, "{\n\"experiment\": \"a\",\n\"b\": }\n");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> Manifest.read(f));
        assertEquals(3, e.line());
    }

    @Test
    void cellAndCampaignRecordsReadWhatTheHarnessWroteBeforeThem() {
        // cell.json and campaign.json as the map-building writers of 2026-11 left them
        Path cell = tmp.resolve("cell.json");
        writeText(cell, "{\n  \"run_id\" : \"20261124-011207-bookworm-r1\",\n  \"executor\" : \"slurm\",\n"
                + "  \"job_id\" : \"12_0\",\n  \"node\" : \"n1\",\n  \"restart_count\" : 1,\n"
                + "  \"started_at\" : \"2026-11-24T01:12:07Z\",\n  \"finished_at\" : \"2026-11-24T01:14:00Z\"\n}");
        assertEquals(new CellRecord("20261124-011207-bookworm-r1", "slurm", "12_0", "n1", 1, "2026-11-24T01:12:07Z",
                "2026-11-24T01:14:00Z"), CellRecord.read(cell));
        writeText(tmp.resolve(CampaignRecord.FILE), "{\"experiment\": \"e\", \"campaign_id\": \"c\", \"created_at\":"
                + " \"t\", \"spec\": {\"sha256\": \"s\", \"file\": \"f\"}, \"images\": [\"bookworm\"], \"repetitions\": 1,"
                + " \"cells\": [{\"run_id\": \"r\", \"image\": \"bookworm\", \"repetition\": 1, \"folder\": \"r\","
                + " \"outcome\": \"NO_RESULT\", \"message\": \"never ran\"}], \"outcome\": \"INFRA_ERROR\"}");
        CampaignRecord c = CampaignRecord.read(tmp);
        assertEquals(new Manifest.FileRef("f", "s"), c.spec());
        assertEquals(List.of(new CampaignRecord.Cell("r", "bookworm", 1, "r", "NO_RESULT", "never ran")), c.cells());
        c.write(tmp.resolve("again"));
        assertEquals(c, CampaignRecord.read(tmp.resolve("again")));
    }

    private static void writeText(Path f, String text) {
        try {
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
