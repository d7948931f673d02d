package ptlab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.Outcome;
import ptlab.plan.Overrides;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.plan.RunUnit;
import ptlab.render.RenderPipeline;
import ptlab.runfolder.RunFolder;
import ptlab.testing.TestFiles;
import ptlab.progress.Progress;

/**
 * A captured run whose raw/ is tampered so that an oracle fails goes through the end of a run: the
 * outcome is FAIL in the manifest, in report.html and report.md, and a later {@code harness render}
 * gives the same bytes.
 */
class TamperedRunTest {
    private static final Path CAPTURED = Path.of("harness/src/test/resources/fixtures/runs/quick-part2-bookworm-6.1-tcg");

    @TempDir
    Path tmp;

    @Test
    void aFailedOracleSaysFailEverywhereAndRendersTheSameTwice() throws IOException {
        Path dir = TestFiles.copyTree(CAPTURED, tmp.resolve("run"));
        Files.delete(dir.resolve("manifest.json"));
        TestFiles.flipOnePhysicalAddress(dir.resolve("raw/kmsg.txt"));

        RunPlan plan = RunPlanner.plan(Path.of("experiments/quick-part2.yaml"), Path.of("").toAbsolutePath(),
                Overrides.NONE, RunOrchestratorTest.CLOCK);
        RunUnit planned = plan.units().get(0);
        RunUnit unit = new RunUnit(planned.runId(), planned.image(), planned.recipe(), 1, dir, planned.steps());
        RunManifest manifest = new RunManifest(plan, unit, RunOrchestratorTest.HOST, RunOrchestratorTest.CLOCK);
        manifest.guest(new FakeGuest(tmp, (g, c) -> null).info());
        RunFinisher.Finished f = RunFinisher.finish(new RunFolder(dir), manifest, Outcome.PASS, "", Progress.silent());

        assertEquals(Outcome.FAIL, f.outcome());
        assertTrue(f.message().startsWith("oracle failed: module VA->PA == pagemap"), f.message());
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals("FAIL", m.get("outcome").asText());
        assertEquals(1, m.get("exit_code").asInt());
        for (String report : List.of("report.html", "report.md")) {
            String text = Files.readString(dir.resolve(report));
            assertTrue(text.contains("Outcome: FAIL"), report + " states the outcome");
            assertFalse(text.contains("Outcome: PASS"), report);
            assertTrue(text.matches("(?s).*outcome(?:\\W|td)+FAIL.*"), report + ": the manifest table says FAIL");
            assertFalse(text.matches("(?s).*outcome(?:\\W|td)+PASS.*"), report + ": no PASS outcome anywhere");
        }

        TreeMap<String, byte[]> first = derived(dir);
        RenderPipeline.render(dir);
        TreeMap<String, byte[]> second = derived(dir);
        assertEquals(first.keySet(), second.keySet());
        assertTrue(first.containsKey("report.html") && first.size() > 10, first.keySet().toString());
        for (String k : first.keySet()) {
            assertArrayEquals(first.get(k), second.get(k), k + " differs between the run's render and a later one");
        }
    }

    /** Every file render writes, and manifest.json, by relative path. */
    private static TreeMap<String, byte[]> derived(Path dir) throws IOException {
        return TestFiles.contents(dir, List.of("manifest.json", "report.html", "report.md", "oracles.json", "junit.xml"),
                List.of("figures", "datasets"));
    }
}
