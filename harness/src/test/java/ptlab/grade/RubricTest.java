package ptlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.spec.InvalidSpecException;

/** Rubrics are validated like specs: every problem at once, each at file:line:column with its field. */
class RubricTest {
    @TempDir
    Path tmp;

    @Test
    void everyShippedRubricLoads() {
        for (String r : List.of("lkp25p3-quick", "lkp25p3", "pagetable-quick", "pagetable")) {
            Rubric.Loaded l = Rubric.load(Path.of("experiments/rubrics", r + ".yaml"));
            assertEquals(r, l.rubric().rubric());
            assertEquals(100.0, l.rubric().maxPoints(), r);
            assertTrue(Files.isRegularFile(l.spec()), r);
        }
    }

    @Test
    void everyProblemIsNamedWithItsPosition() throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, String.join("\n", "rubric: bad", "assignment: lkp25-p3", "spec: nowhere.yaml", "items:",
                "  - id: a", "    title: A", "    points: 0", "    oracle: x", "  - id: a", "    title: B", "    points: 5",
                "    oracle: y", "    full_from: 0.5", "    none_below: 0.8", "deductions:", "  - id: w", "    title: W",
                "    points: 1", "    per: warnings", ""));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Rubric.load(f));
        String m = e.getMessage();
        assertEquals(5, e.errors().size(), m);
        assertTrue(m.contains("bad.yaml:3:1: field 'spec': no such file"), m);
        assertTrue(m.contains("bad.yaml:7:5: field 'items[0].points': must be more than 0, got 0.0"), m);
        assertTrue(m.contains("bad.yaml:9:5: field 'items[1].id': 'a' is used twice"), m);
        assertTrue(m.contains("field 'items[1].full_from': needs 0 <= none_below < full_from <= 1"), m);
        assertTrue(m.contains("bad.yaml:19:5: field 'deductions[0].per': must be one of warning, crash, timeout, flood,"
                + " unload, got warnings"), m);
    }

    @Test
    void anUnknownKeyStopsAtItsLine() throws IOException {
        Path f = tmp.resolve("typo.yaml");
        Files.writeString(f, "rubric: t\nassignment: pagetable\nspec: ../x.yaml\nitems:\n  - id: a\n    points: 1\n"
                + "    oracel: x\n");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Rubric.load(f));
        assertTrue(e.getMessage().startsWith(f + ":7:5: field 'items[0].oracel'"), e.getMessage());
    }
}
