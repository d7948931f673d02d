package ptlab.yaml;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.TreeSet;

/** Jackson's binding errors in the words of a spec's author: the field path and what is wrong with it. */
final class YamlProblems {
    private YamlProblems() {
    }

    static String typeKey(InvalidTypeIdException e) {
        JsonTypeInfo info = e.getBaseType() == null ? null
                : e.getBaseType().getRawClass().getAnnotation(JsonTypeInfo.class);
        return info == null || info.property().isEmpty() ? "type" : info.property();
    }

    static String knownTypeIds(InvalidTypeIdException e) {
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

    static String problem(JsonMappingException e, JsonNode tree) {
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
    static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
        JsonNode n = tree;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (n == null) {
                return null;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : r.getIndex() >= 0 ? n.get(r.getIndex()) : null;
        }
        return n;
    }

    static String describe(JsonNode n) {
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

    static String knownKeys(UnrecognizedPropertyException u) {
        StringBuilder sb = new StringBuilder();
        u.getKnownPropertyIds().stream().map(Object::toString).sorted().forEach(k -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(k));
        });
        return sb.toString();
    }

    static String describe(Object v) {
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }

    static String simpleType(Class<?> c) {
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

    static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String fieldPath(JsonMappingException e) {
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
}
