package ptlab.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import ptlab.SourceLocatedException;

/** Where every key and list item of a YAML text starts, by dotted field path. */
final class YamlPositions {
    private YamlPositions() {
    }

    static int[] positionOf(JsonLocation loc) {
        if (loc == null || loc.getLineNr() <= 0) {
            return new int[] {1, 1};
        }
        return new int[] {loc.getLineNr(), loc.getColumnNr()};
    }

    /** One streaming pass that records where every key and list item starts. */
    static Map<String, int[]> positions(Path file, String text) {
        Map<String, int[]> out = new HashMap<>();
        out.put("", new int[] {1, 1});
        Deque<String> stack = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>();
        try (JsonParser p = YamlDoc.MAPPER.getFactory().createParser(text)) {
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
            throw YamlDoc.notYaml(file, e);
        } catch (IOException e) {
            throw new SourceLocatedException(file, 1, 1, "", "cannot read: " + e.getMessage());
        }
        return out;
    }
}
