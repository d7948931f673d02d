package ptlab.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The shape of a manifest, one {@code key: type} line per key in document order. Arrays are described
 * by the union of their items' shapes ({@code steps[].command: null|string}); maps whose keys are data
 * (file paths, component names) by the types of their values.
 */
final class ManifestSchema {
    /** Objects keyed by data, not by field names. */
    private static final List<String> DATA_MAPS = List.of("inputs", "artifacts", "build_warnings", "built_by", "raw_sha256");

    private ManifestSchema() {
    }

    static String of(JsonNode root) {
        Map<String, TreeSet<String>> lines = new java.util.LinkedHashMap<>();
        walk("", root, lines);
        StringBuilder sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(k).append(": ").append(String.join("|", v)).append('\n'));
        return sb.toString();
    }

    private static void walk(String key, JsonNode n, Map<String, TreeSet<String>> out) {
        if (n.isObject() && DATA_MAPS.contains(key)) {
            TreeSet<String> types = out.computeIfAbsent(key + ".<key>", k -> new TreeSet<>());
            n.elements().forEachRemaining(v -> types.add(type(v)));
            if (types.isEmpty()) {
                types.add("(empty)");
            }
        } else if (n.isObject()) {
            out.computeIfAbsent(key.isEmpty() ? "." : key, k -> new TreeSet<>()).add("object");
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(key.isEmpty() ? e.getKey() : key + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            out.computeIfAbsent(key, k -> new TreeSet<>()).add("array");
            for (JsonNode item : n) {
                walk(key + "[]", item, out);
            }
        } else {
            out.computeIfAbsent(key, k -> new TreeSet<>()).add(type(n));
        }
    }

    private static String type(JsonNode n) {
        if (n.isNull()) {
            return "null";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "number";
        }
        return n.isTextual() ? "string" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
