package ptlab.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/nightly.yml runs only what the repository has, and its sweep matrix is exactly the
 * recipes of vm-images/ (computed by bin/ci-nightly matrix, which this test runs).
 */
class NightlyWorkflowTest {
    private static final Path WORKFLOW = Path.of(".github/workflows/nightly.yml");
    private static final Pattern REPO_PATH = Pattern.compile("(?<![\\w/.-])((?:bin|experiments|vm-images)/[\\w./-]+)");

    @Test
    void everyCommandTheWorkflowRunsIsInTheRepository() throws Exception {
        JsonNode wf = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
        assertTrue(wf.path("on").has("schedule") && wf.path("on").has("workflow_dispatch"), "nightly and by hand");
        List<String> runs = new ArrayList<>();
        wf.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                runs.add(step.get("run").asText());
            }
        }));
        assertTrue(runs.size() >= 4, "runs: " + runs);
        int scripts = 0;
        for (String run : runs) {
            assertTrue(run.contains("bin/ci-nightly"), "every step goes through bin/ci-nightly: " + run);
            Matcher m = REPO_PATH.matcher(run);
            while (m.find()) {
                Path p = Path.of(m.group(1));
                assertTrue(Files.isRegularFile(p), run + ": " + p + " is not in the repository");
                if (p.startsWith("bin")) {
                    assertTrue(Files.isExecutable(p), p + " is not executable");
                    scripts++;
                }
            }
        }
        assertTrue(scripts >= 4);
        for (String sub : List.of("matrix", "test", "cell", "baseline", "report")) {
            assertTrue(runs.stream().anyMatch(r -> r.contains("bin/ci-nightly " + sub)), "no step runs " + sub);
            assertTrue(Files.readString(Path.of("bin/ci-nightly")).contains("\n" + sub + ")"), "ci-nightly lacks " + sub);
        }
    }

    @Test
    void theSweepMatrixIsExactlyTheRecipesOfVmImages() throws Exception {
        JsonNode wf = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
        assertEquals("${{ fromJSON(needs.matrix.outputs.recipes) }}",
                wf.path("jobs").path("sweep").path("strategy").path("matrix").path("recipe").asText());
        Process p = new ProcessBuilder("bin/ci-nightly", "matrix").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        List<String> matrix = new ArrayList<>();
        new ObjectMapper().readTree(out).forEach(n -> matrix.add(n.asText()));
        List<String> recipes;
        try (Stream<Path> s = Files.list(Path.of("vm-images"))) {
            recipes = s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        assertEquals(recipes, matrix);
    }

    /**
     * The baseline's way from one night to the next: the report job uploads the night's cells as nightly-baseline
     * only when it passed, bin/ci-nightly baseline downloads that artifact by the same name into the folder the
     * report step then compares with; the cells' artifacts are the ones the report job downloads.
     */
    @Test
    void theBaselineArtifactNamesMatchBetweenTheUploadAndTheDownload() throws Exception {
        JsonNode wf = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
        JsonNode report = wf.path("jobs").path("report");
        String upload = null;
        String uploadIf = null;
        String baselineDir = null;
        String reportRun = null;
        for (JsonNode step : report.path("steps")) {
            String run = step.path("run").asText("");
            if (step.path("uses").asText().startsWith("actions/upload-artifact")
                    && step.path("with").path("path").asText().startsWith("results/nightly/cells")) {
                upload = step.path("with").path("name").asText();
                uploadIf = step.path("if").asText();
            }
            if (run.startsWith("bin/ci-nightly baseline ")) {
                baselineDir = run.substring("bin/ci-nightly baseline ".length()).trim();
                assertEquals("${{ github.token }}", step.path("env").path("GH_TOKEN").asText(), "gh needs the token");
            }
            if (run.startsWith("bin/ci-nightly report ")) {
                reportRun = run;
            }
        }
        assertEquals("success()", uploadIf, "only a night that passed becomes the next baseline");
        assertTrue(Files.readString(Path.of("bin/ci-nightly")).contains("--name " + upload + " "),
                "bin/ci-nightly baseline downloads " + upload);
        assertTrue(reportRun != null && reportRun.contains("--baseline " + baselineDir), reportRun);
        assertEquals("read", report.path("permissions").path("actions").asText(), "listing and downloading runs");
        String pattern = null;
        for (JsonNode step : report.path("steps")) {
            if (step.path("uses").asText().startsWith("actions/download-artifact")) {
                pattern = step.path("with").path("pattern").asText();
            }
        }
        String cellName = null;
        for (JsonNode step : wf.path("jobs").path("sweep").path("steps")) {
            if (step.path("uses").asText().startsWith("actions/upload-artifact")) {
                cellName = step.path("with").path("name").asText();
            }
        }
        assertEquals("cell-*", pattern);
        assertTrue(cellName != null && cellName.startsWith("cell-"), cellName);
    }

    /**
     * Each kernel's sweep job fetches the same baseline and runs its cell against it, so a changed oracle or quantity
     * is run again from the snapshot (reruns) where the guest is, before the report job labels it.
     */
    @Test
    void eachSweepJobComparesWithTheBaselineSoItsChangesAreRerun() throws Exception {
        JsonNode sweep = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile()).path("jobs").path("sweep");
        String baselineDir = null;
        String cellRun = null;
        for (JsonNode step : sweep.path("steps")) {
            String run = step.path("run").asText("");
            if (run.startsWith("bin/ci-nightly baseline ")) {
                baselineDir = run.substring("bin/ci-nightly baseline ".length()).trim();
                assertEquals("${{ github.token }}", step.path("env").path("GH_TOKEN").asText(), "gh needs the token");
                assertTrue(cellRun == null, "the baseline is fetched before the cell runs");
            }
            if (run.contains("bin/ci-nightly cell ")) {
                cellRun = run;
            }
        }
        assertTrue(baselineDir != null && cellRun != null && cellRun.endsWith(" --baseline " + baselineDir), cellRun);
        assertEquals("read", sweep.path("permissions").path("actions").asText(), "listing and downloading runs");
        String script = Files.readString(Path.of("bin/ci-nightly"));
        assertTrue(script.contains("cp \"$(dirname \"$c\")/reruns.json\""), "the report keeps each campaign's reruns.json");
    }

    /** bin/ci-nightly baseline copies $PTLAB_BASELINE (any CI), and says so when there is no baseline to compare with. */
    @Test
    void theBaselineStepTakesPtlabBaselineOrSaysThereIsNone(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path night = Files.createDirectories(tmp.resolve("night/20261206-021700-bookworm-r1"));
        Files.writeString(night.resolve("manifest.json"), "{}");
        ProcessBuilder pb = new ProcessBuilder("bin/ci-nightly", "baseline", tmp.resolve("got").toString())
                .redirectErrorStream(true);
        pb.environment().put("PTLAB_BASELINE", tmp.resolve("night").toString());
        pb.environment().remove("GITHUB_REPOSITORY");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("baseline in"), out);
        assertTrue(Files.isRegularFile(tmp.resolve("got/night/20261206-021700-bookworm-r1/manifest.json")));
        ProcessBuilder none = new ProcessBuilder("bin/ci-nightly", "baseline", tmp.resolve("empty").toString())
                .redirectErrorStream(true);
        none.environment().remove("PTLAB_BASELINE");
        none.environment().remove("GITHUB_REPOSITORY");
        Process q = none.start();
        String said = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, q.waitFor(), said);
        assertTrue(said.contains("no baseline"), said);
    }
}
