package ptlab.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.SourceLocatedException;

/** Reads manifest.json into a {@link Manifest}. */
public final class ManifestReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestReader() {
    }

    public static Manifest read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new SourceLocatedException(file, line, col, "", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SourceLocatedException(file, 1, 1, "", "expected a JSON object");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        return new Manifest(flat);
    }

    /** A manifest from JSON text (a manifest still in memory). */
    public static Manifest parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", root, flat);
            return new Manifest(flat);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the manifest when the file exists, else an empty one. */
    public static Manifest readIfPresent(Path file) {
        return Files.isRegularFile(file) ? read(file) : Manifest.empty();
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            if (!it.hasNext() && !prefix.isEmpty()) {
                out.put(prefix, "{}");
            }
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                out.put(prefix, "[]");
            }
            for (int i = 0; i < n.size(); i++) {
                flatten(prefix + "[" + i + "]", n.get(i), out);
            }
        } else {
            out.put(prefix, n.isNull() ? "" : n.asText());
        }
    }
}
