package ptlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** experiments/README.md documents every field of the spec records, with the defaults Defaults.java has. */
class ExperimentsReadmeTest {
    private static final Path README = ShippedSpecsTest.ROOT.resolve("experiments/README.md");
    private static final String HEADER = "| field | meaning | type | default | unit | constraints |";
    private static final Set<String> REQUIRED = Set.of("experiment", "author.first", "author.last", "workloads",
            "submission.path");

    /** Field path -> default cell, from every field table of the README. */
    private static Map<String, String> documented() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(README)) {
            if (line.equals(HEADER)) {
                inTable = true;
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (inTable && !line.startsWith("| ---")) {
                String[] cells = line.split(" \\| ");
                assertEquals(6, cells.length, "six cells in: " + line);
                String field = cells[0].substring(2).replace("`", "");
                String old = rows.put(field, cells[3].replace("`", ""));
                assertEquals(null, old, "documented twice: " + field);
            }
        }
        return rows;
    }

    /** Every leaf field of the schema: nested records flattened, workload fields as kind.field. */
    private static List<String> schemaFields() {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : ExperimentSpec.class.getRecordComponents()) {
            String name = snake(c.getName());
            if (c.getType().isRecord()) {
                for (RecordComponent inner : c.getType().getRecordComponents()) {
                    out.add(name + "." + snake(inner.getName()));
                }
            } else {
                out.add(name);
            }
        }
        for (JsonSubTypes.Type t : Workload.class.getAnnotation(JsonSubTypes.class).value()) {
            for (RecordComponent c : t.value().getRecordComponents()) {
                out.add(t.name() + "." + snake(c.getName()));
            }
        }
        return out;
    }

    private static String snake(String camel) {
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(camel);
    }

    /** The defaults as the README writes them, taken from a spec with nothing but the required values. */
    private static Map<String, String> defaults() {
        ExperimentSpec minimal = SpecLoader.load(SpecFixtures.REPO.resolve("experiments/minimal.yaml"),
                SpecFixtures.REPO).spec();
        JsonNode tree = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .valueToTree(minimal);
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : schemaFields()) {
            if (REQUIRED.contains(field)) {
                out.put(field, "required");
                continue;
            }
            String[] parts = field.split("\\.");
            JsonNode node = tree.get(parts[0]);
            if (parts[0].equals("submission")) {
                // optional as a whole: its fields' defaults are those of a submission given only its path
                node = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .valueToTree(new ptlab.spec.SubmissionSpec("PATH", null, null, null));
            }
            if (node == null) {
                for (JsonNode w : tree.get("workloads")) {
                    if (w.get(Workload.KIND_KEY).asText().equals(parts[0])) {
                        node = w;
                    }
                }
            }
            for (int i = 1; i < parts.length && node != null; i++) {
                node = node.get(parts[i]);
            }
            out.put(field, text(node));
        }
        return out;
    }

    private static String text(JsonNode node) {
        if (node == null) {
            return "none"; // a field the spec leaves out unless given
        }
        if (node.isObject()) {
            return node.isEmpty() ? "{}" : node.toString();
        }
        if (!node.isArray()) {
            return node.asText();
        }
        List<String> items = new ArrayList<>();
        node.forEach(n -> items.add(n.asText()));
        return "[" + String.join(", ", items) + "]";
    }

    @Test
    void everyFieldIsDocumentedAndNothingElse() throws IOException {
        assertEquals(new TreeSet<>(schemaFields()), new TreeSet<>(documented().keySet()));
    }

    @Test
    void everyDefaultIsTheOneInTheCode() throws IOException {
        Map<String, String> documented = documented();
        Map<String, String> actual = defaults();
        for (Map.Entry<String, String> e : actual.entrySet()) {
            assertEquals(e.getValue(), documented.get(e.getKey()), "default of " + e.getKey() + " in " + README);
        }
    }

    @Test
    void everyWorkloadKindHasASection() throws IOException {
        String text = Files.readString(README);
        for (JsonSubTypes.Type t : Workload.class.getAnnotation(JsonSubTypes.class).value()) {
            assertTrue(text.contains("## Workload `" + t.name() + "`"), t.name());
            assertTrue(text.contains("  - kind: " + t.name() + "\n"), "an example for " + t.name());
        }
    }

    @Test
    void theErrorShownIsTheOneTheHarnessPrints() throws IOException {
        Path part2 = Path.of("experiments/part2.yaml");
        String text = Files.readString(ShippedSpecsTest.ROOT.resolve(part2)).replace("hot: 256M ", "hot: 300M ");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecLoader.parse(part2, text, ShippedSpecsTest.ROOT));
        assertTrue(Files.readString(README).contains("`" + e.getMessage() + "`"), e.getMessage());
    }
}
