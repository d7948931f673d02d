package ptlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.json.Json;
import ptlab.render.RenderPipeline;
import ptlab.testing.GradescopeSchema;
import ptlab.testing.TestFiles;

/** results.json for Gradescope from captured runs, held to the schema written from Gradescope's specification. */
class GradescopeResultsTest {
    @TempDir
    Path tmp;

    private StudentGrade grade(String rubric, String fixture, boolean hideFirst) throws Exception {
        Path run = TestFiles.copyTree(Path.of("harness/src/test/resources/fixtures/submission", fixture), tmp.resolve(fixture));
        RenderPipeline.render(run);
        Rubric r = Rubric.load(Path.of("experiments/rubrics", rubric + ".yaml")).rubric();
        if (hideFirst) {
            List<Rubric.Item> items = new java.util.ArrayList<>(r.items());
            Rubric.Item i = items.get(0);
            items.set(0, new Rubric.Item(i.id(), i.title(), i.points(), i.oracle(), i.fullFrom(), i.noneBelow(), true));
            r = new Rubric(r.rubric(), r.assignment(), r.spec(), r.timeLimitS(), items, r.deductions());
        }
        return StudentGrade.of(new Who.Entry("903000001", "", run, "test"), "k", List.of(Scorer.score(r, run)), 41.6);
    }

    @Test
    void aFullMarksGradeConformsTestByTest() throws Exception {
        Path out = tmp.resolve("results.json");
        GradescopeResults.write(out, grade("pagetable-quick", "own-pagetable", true));
        assertEquals(List.of(), GradescopeSchema.problems(out));
        JsonNode r = Json.tree(out);
        assertEquals(100.0, r.get("score").asDouble());
        assertEquals(42, r.get("execution_time").asInt());
        assertEquals(5, r.get("tests").size());
        JsonNode first = r.get("tests").get(0);
        assertEquals("passed", first.get("status").asText());
        assertEquals("after_published", first.get("visibility").asText(), "a hidden item shows once published");
        assertEquals("visible", r.get("tests").get(1).get("visibility").asText());
    }

    @Test
    void deductionsAndFailuresConformToo() throws Exception {
        Path out = tmp.resolve("results.json");
        GradescopeResults.write(out, grade("lkp25p3-quick", "seed-style", false));
        assertEquals(List.of(), GradescopeSchema.problems(out));
        JsonNode tests = Json.tree(out).get("tests");
        JsonNode last = tests.get(tests.size() - 1);
        assertEquals("Deduction: Compiler warnings in the student's builds", last.get("name").asText());
        assertEquals(-3.0, last.get("score").asDouble());
        assertEquals("failed", tests.get(2).get("status").asText(), "Part 1's log: absent from this Part 2 run");
    }

    @Test
    void theSchemaRejectsWhatGradescopeWouldNot() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"score\": 1, \"execution_time\": 1, \"output\": \"\","
                + " \"tests\": [{\"name\": \"x\", \"score\": 1, \"max_score\": 1, \"status\": \"ok\", \"output\": \"\","
                + " \"visibility\": \"visible\"}]}");
        assertFalse(GradescopeSchema.problems(bad).isEmpty());
    }
}
