package ptlab.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import ptlab.HarnessException;
import ptlab.SourceLocatedException;

/**
 * A YAML file bound to a record, with the source position of every field kept so that validation
 * after binding can still say {@code file:line:column} and the field's dotted path.
 *
 * <p>Binding is strict: unknown keys, duplicate keys, wrong types (a quoted '4' or 2.5 where an integer
 * belongs), unknown or missing type ids of polymorphic items (reported on their type key, e.g.
 * {@code workloads[1].kind}) are errors that name the field. A value type's creator may throw
 * IllegalArgumentException; its message becomes the problem. Keys use snake_case in YAML and camelCase in
 * the records.
 */
public final class YamlDoc<T> {
    // YAML, and stricter than ptlab.json.Json: a spec is typed by hand and every mistake is named
    static final ObjectMapper MAPPER = newMapper();

    private static ObjectMapper newMapper() {
        ObjectMapper m = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // 2.5 for an integer would silently become 2
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // '4' (quoted) is a string in YAML: a wrong type for a number or a flag, not something to guess at
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return m;
    }

    private final Path file;
    private final T value;
    private final JsonNode tree;
    private final Map<String, int[]> positions;

    private YamlDoc(Path file, T value, JsonNode tree, Map<String, int[]> positions) {
        this.file = file;
        this.value = value;
        this.tree = tree;
        this.positions = positions;
    }

    public static <T> YamlDoc<T> load(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + file + ": " + e.getMessage());
        }
        return parse(file, text, type);
    }

    public static <T> YamlDoc<T> parse(Path file, String text, Class<T> type) {
        Map<String, int[]> positions = YamlPositions.positions(file, text);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw notYaml(file, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new SourceLocatedException(file, 1, 1, "", "expected a mapping at the top level");
        }
        try {
            T value = MAPPER.treeToValue(tree, type);
            return new YamlDoc<>(file, value, tree, positions);
        } catch (InvalidTypeIdException e) {
            // the item's type key (e.g. "kind") is what is wrong, not the item
            String item = YamlProblems.fieldPath(e);
            String key = YamlProblems.typeKey(e);
            if (e.getTypeId() == null) {
                int[] pos = closest(positions, item);
                throw new SourceLocatedException(file, pos[0], pos[1], item,
                        "missing key '" + key + "'" + YamlProblems.knownTypeIds(e));
            }
            String field = (item.isEmpty() ? "" : item + ".") + key;
            int[] pos = closest(positions, field);
            throw new SourceLocatedException(file, pos[0], pos[1], field,
                    "unknown " + key + " '" + e.getTypeId() + "'" + YamlProblems.knownTypeIds(e));
        } catch (JsonMappingException e) {
            String field = YamlProblems.fieldPath(e);
            int[] pos = closest(positions, field);
            throw new SourceLocatedException(file, pos[0], pos[1], field, YamlProblems.problem(e, tree));
        } catch (JsonProcessingException e) {
            throw notYaml(file, e);
        }
    }

    public Path file() {
        return file;
    }

    public T value() {
        return value;
    }

    /** The raw tree, for checks such as "was this key given at all". */
    public JsonNode tree() {
        return tree;
    }

    /** An error at the position of {@code field} (dotted path such as {@code vm.memory_mib} or {@code workloads[1].size}). */
    public SourceLocatedException error(String field, String problem) {
        int[] pos = position(field);
        return new SourceLocatedException(file, pos[0], pos[1], field, problem);
    }

    /** Line and column (1-based) of a field, or of its closest given ancestor. */
    public int[] position(String field) {
        return closest(positions, field);
    }

    private static int[] closest(Map<String, int[]> positions, String field) {
        String f = field;
        while (true) {
            int[] pos = positions.get(f);
            if (pos != null) {
                return pos.clone();
            }
            int cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
            if (cut <= 0) {
                return positions.getOrDefault("", new int[] {1, 1}).clone();
            }
            f = f.substring(0, cut);
        }
    }

    static SourceLocatedException notYaml(Path file, JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String problem = (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem();
                return new SourceLocatedException(file, mark.getLine() + 1, mark.getColumn() + 1, "",
                        "not valid YAML: " + problem);
            }
        }
        int[] pos = YamlPositions.positionOf(e.getLocation());
        return new SourceLocatedException(file, pos[0], pos[1], "", "not valid YAML: " + YamlProblems.firstLine(e.getOriginalMessage()));
    }

}
