package ptlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.spec.Accel;
import ptlab.spec.LoadedSpec;
import ptlab.spec.SpecLoader;

class PlanWriterTest {
    /** Golden files; run with -Dgolden.update=true to rewrite them after an intended format change. */
    static final Path GOLDEN = Path.of("harness/src/test/resources/specs/golden");
    /** The machine-specific repository root reads as this in golden files. */
    static final String REPO_MARK = "$REPO";

    static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + file);
    }

    @Test
    void planJsonIsStable() throws IOException {
        RunPlan plan = RunPlannerTest.plan(RunPlannerTest.MATRIX, new Overrides(Accel.TCG, null, null));
        String json = PlanWriter.toJson(plan).replace(RunPlannerTest.REPO.toString(), REPO_MARK);
        assertGolden("matrix.plan.json", json);
    }

    @Test
    void readsBackToTheSamePlan(@TempDir Path tmp) {
        RunPlan plan = RunPlannerTest.plan(RunPlannerTest.MATRIX, new Overrides(null, List.of("sid"), 2));
        Path file = tmp.resolve("deep/er/plan.json");
        PlanWriter.write(plan, file);
        assertEquals(plan, PlanWriter.read(file));
    }

    @Test
    void theSpecInsidePlanJsonIsAValidSpecAgain(@TempDir Path tmp) throws IOException {
        RunPlan plan = RunPlannerTest.plan(RunPlannerTest.REPO.resolve("experiments/minimal.yaml"), Overrides.NONE);
        JsonNode spec = new ObjectMapper().readTree(PlanWriter.toJson(plan)).get("spec");
        // JSON is YAML: the resolved spec, every default spelled out, loads as a spec file
        LoadedSpec again = SpecLoader.parse(RunPlannerTest.REPO.resolve("experiments/again.yaml"), spec.toString(),
                RunPlannerTest.REPO);
        assertEquals(plan.spec(), again.spec());
    }

    @Test
    void writesTheWholePlanIntoEveryRunFolder(@TempDir Path tmp) throws IOException {
        RunPlan plan = RunPlannerTest.plan(RunPlannerTest.MATRIX, Overrides.NONE);
        RunPlan here = new RunPlan(plan.planVersion(), plan.createdAt(), plan.specFile(), plan.specSha256(), tmp,
                plan.overrides(), plan.execution(), plan.spec(), plan.units().stream().map(u -> new RunUnit(u.runId(), u.image(),
                        u.recipe(), u.repetition(), tmp.resolve("results/matrix").resolve(u.runId()), u.steps()))
                        .toList());
        List<Path> written = new java.util.ArrayList<>();
        for (RunUnit u : here.units()) {
            PlanWriter.write(here, u.folder().plan());
            written.add(u.folder().plan());
        }
        assertEquals(4, written.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(here.units().get(i).outputDir().resolve("plan.json"), written.get(i));
            assertEquals(PlanWriter.toJson(here), Files.readString(written.get(i)));
        }
        try (var left = Files.list(written.get(0).getParent())) {
            assertEquals(List.of("plan.json"), left.map(p -> p.getFileName().toString()).toList(), "no temp files");
        }
    }

    @Test
    void pathsArePlainStringsAndSizesReadLikeTheSpec() {
        String json = PlanWriter.toJson(RunPlannerTest.plan(RunPlannerTest.MATRIX, Overrides.NONE));
        assertTrue(json.contains("\"repo_root\": \"" + RunPlannerTest.REPO + "\""), json);
        assertTrue(json.contains("\"size\": \"128M\""), json);
        assertTrue(json.endsWith("}\n"));
    }
}
