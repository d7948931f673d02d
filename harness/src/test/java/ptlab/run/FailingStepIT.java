package ptlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.Outcome;
import ptlab.image.ImageCache;
import ptlab.plan.Overrides;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.testing.TestFiles;
import ptlab.progress.Progress;

/**
 * A guest step that fails: the run ends with FAIL, names the step, its command and exit status,
 * and keeps everything collected so far (the step's own output, kern.log, the kmsg stream).
 */
class FailingStepIT {
    @TempDir
    Path tmp;

    @Test
    void aFailingStepKeepsWhatWasCollectedAndNamesTheStep() throws Exception {
        Path repo = tmp.resolve("repo");
        for (String d : List.of("vm-images", "workloads", "kmod")) {
            TestFiles.copyTree(Path.of(d), repo.resolve(d));
        }
        // the VMA step saves /proc/1/maps, then fails the way a broken workload would
        Path script = repo.resolve("workloads/scripts/vma_dump.sh");
        Files.writeString(script, Files.readString(script).replace("echo 0 >/proc/lkp25p3",
                "echo 'simulated failure' >&2\nexit 3"));
        Path spec = Files.createDirectories(repo.resolve("experiments")).resolve("failing.yaml");
        Files.writeString(spec, """
                experiment: failing-step
                author: {first: Test, last: Runner}
                vm: {memory_mib: 2048}
                workloads:
                  - kind: vma_dump
                """);
        RunPlan plan = RunPlanner.plan(spec, repo, Overrides.NONE, Clock.systemUTC());
        var results = LocalExecutor.runAll(new RunOrchestrator(plan, ImageCache.defaultCache(), Progress.stderr()),
                plan.units(), 1);
        var r = results.get(0);
        assertEquals(Outcome.FAIL, r.outcome(), r.message());
        assertTrue(r.message().contains("step vma_dump failed"), r.message());
        assertTrue(r.message().contains("exited with status 3"), r.message());
        assertTrue(r.message().contains("simulated failure"), r.message());

        Path run = r.unit().outputDir();
        JsonNode m = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertEquals("FAIL", m.get("outcome").asText());
        JsonNode failed = null;
        for (JsonNode s : m.get("steps")) {
            if (s.get("name").asText().equals("vma_dump")) {
                failed = s;
            }
        }
        assertTrue(failed != null && failed.get("status").asText().equals("failed"), m.get("steps").toString());
        assertEquals(3, failed.get("exit_status").asInt());
        assertTrue(failed.get("command").asText().contains("vma_dump.sh"));
        assertTrue(Files.size(run.resolve("raw/vma/maps.txt")) > 0, "collected after the failure");
        assertTrue(Files.size(run.resolve("raw/kern.log")) > 0);
        assertTrue(Files.size(run.resolve("raw/kmsg.txt")) > 0);
        assertTrue(Files.readString(run.resolve("raw/steps/vma_dump.log")).contains("exit status 3"));
    }
}
