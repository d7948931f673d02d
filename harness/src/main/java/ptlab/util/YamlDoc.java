package ptlab.util;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
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
    private static final ObjectMapper MAPPER = newMapper();

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
        Map<String, int[]> positions = positions(file, text);
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
            String item = fieldPath(e);
            String key = typeKey(e);
            if (e.getTypeId() == null) {
                int[] pos = closest(positions, item);
                throw new SourceLocatedException(file, pos[0], pos[1], item,
                        "missing key '" + key + "'" + knownTypeIds(e));
            }
            String field = (item.isEmpty() ? "" : item + ".") + key;
            int[] pos = closest(positions, field);
            throw new SourceLocatedException(file, pos[0], pos[1], field,
                    "unknown " + key + " '" + e.getTypeId() + "'" + knownTypeIds(e));
        } catch (JsonMappingException e) {
            String field = fieldPath(e);
            int[] pos = closest(positions, field);
            throw new SourceLocatedException(file, pos[0], pos[1], field, problem(e, tree));
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

    private static SourceLocatedException notYaml(Path file, JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String problem = (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem();
                return new SourceLocatedException(file, mark.getLine() + 1, mark.getColumn() + 1, "",
                        "not valid YAML: " + problem);
            }
        }
        int[] pos = positionOf(e.getLocation());
        return new SourceLocatedException(file, pos[0], pos[1], "", "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }

    private static String typeKey(InvalidTypeIdException e) {
        JsonTypeInfo info = e.getBaseType() == null ? null
                : e.getBaseType().getRawClass().getAnnotation(JsonTypeInfo.class);
        return info == null || info.property().isEmpty() ? "type" : info.property();
    }

    private static String knownTypeIds(InvalidTypeIdException e) {
        JsonSubTypes subTypes = e.getBaseType() == null ? null
                : e.getBaseType().getRawClass().getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            return "";
        }
        TreeSet<String> names = new TreeSet<>();
        for (JsonSubTypes.Type t : subTypes.value()) {
            names.add(t.name());
        }
        return "; known: " + String.join(", ", names);
    }

    private static String problem(JsonMappingException e, JsonNode tree) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'"
                    + (u.getKnownPropertyIds() == null ? "" : "; known keys: " + knownKeys(u));
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException c) {
            // a value type's own parser said what is wrong (e.g. a size such as "2X")
            return c.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "cannot read " + describe(f.getValue()) + " as " + simpleType(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            JsonNode given = nodeAt(tree, e);
            return "expected " + simpleType(m.getTargetType())
                    + (given == null ? ": " + firstLine(m.getOriginalMessage()) : ", got " + describe(given));
        }
        return firstLine(e.getOriginalMessage());
    }

    /** The node the failing path points to, or null when the path does not lead to one. */
    private static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
        JsonNode n = tree;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (n == null) {
                return null;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : r.getIndex() >= 0 ? n.get(r.getIndex()) : null;
        }
        return n;
    }

    private static String describe(JsonNode n) {
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isNull()) {
            return "nothing (null)";
        }
        if (n.isTextual()) {
            return "'" + n.textValue() + "'";
        }
        return n.toString();
    }

    private static String knownKeys(UnrecognizedPropertyException u) {
        StringBuilder sb = new StringBuilder();
        u.getKnownPropertyIds().stream().map(Object::toString).sorted().forEach(k -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(k));
        });
        return sb.toString();
    }

    private static String describe(Object v) {
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }

    private static String simpleType(Class<?> c) {
        if (c.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] constants = c.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i].toString());
            }
            return sb.toString();
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "an integer";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "true or false";
        }
        if (c == double.class || c == Double.class) {
            return "a number";
        }
        if (java.util.List.class.isAssignableFrom(c)) {
            return "a list";
        }
        if (c == String.class) {
            return "a string";
        }
        return "a mapping (" + c.getSimpleName() + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static int[] positionOf(JsonLocation loc) {
        if (loc == null || loc.getLineNr() <= 0) {
            return new int[] {1, 1};
        }
        return new int[] {loc.getLineNr(), loc.getColumnNr()};
    }

    /** One streaming pass that records where every key and list item starts. */
    private static Map<String, int[]> positions(Path file, String text) {
        Map<String, int[]> out = new HashMap<>();
        out.put("", new int[] {1, 1});
        Deque<String> stack = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            String pendingKey = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    indexes.pop();
                    continue;
                }
                String prefix = stack.isEmpty() ? "" : stack.peek();
                if (t == JsonToken.FIELD_NAME) {
                    pendingKey = (prefix.isEmpty() ? "" : prefix + ".") + p.currentName();
                    int[] at = positionOf(p.currentTokenLocation());
                    int[] first = out.putIfAbsent(pendingKey, at);
                    if (first != null) {
                        throw new SourceLocatedException(file, at[0], at[1], pendingKey, "duplicate key '"
                                + p.currentName() + "' (first given at line " + first[0] + ")");
                    }
                    continue;
                }
                String here;
                if (pendingKey != null) {
                    here = pendingKey;
                    pendingKey = null;
                } else if (!indexes.isEmpty() && indexes.peek() != null && indexes.peek()[0] >= 0) {
                    int[] idx = indexes.peek();
                    here = prefix + "[" + idx[0]++ + "]";
                    out.putIfAbsent(here, positionOf(p.currentTokenLocation()));
                } else {
                    here = prefix;
                }
                if (t == JsonToken.START_OBJECT) {
                    stack.push(here);
                    indexes.push(new int[] {-1});
                } else if (t == JsonToken.START_ARRAY) {
                    stack.push(here);
                    indexes.push(new int[] {0});
                }
            }
        } catch (JsonProcessingException e) {
            throw notYaml(file, e);
        } catch (IOException e) {
            throw new SourceLocatedException(file, 1, 1, "", "cannot read: " + e.getMessage());
        }
        return out;
    }
}
