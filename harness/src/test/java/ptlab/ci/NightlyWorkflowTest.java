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
        for (String sub : List.of("matrix", "test", "cell", "report")) {
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
}
