package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Section;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ptlab.analysis.Fmt;
import ptlab.json.Json;
import ptlab.parse.GuestInfoReader;
import ptlab.runfolder.Manifest;

/** The guest's own description (raw/guest/*.txt) and the manifest. */
final class InfoSections {
    private InfoSections() {
    }

    static Section guest(RenderContext ctx) {
        Map<String, String> files = GuestInfoReader.read(ctx.run.raw("guest"));
        if (files.isEmpty()) {
            return Section.notRun("Guest", "raw/guest/ is absent");
        }
        List<Block> blocks = new ArrayList<>();
        files.forEach((name, text) -> blocks.add(new Block.Verbatim(name, text)));
        return new Section("Guest", true, blocks);
    }

    /**
     * The manifest as a key/value table (nested objects as {@code image.name}, lists of words joined),
     * then its steps as a table of their own; the oracles have theirs at the top of the report.
     */
    static Section manifest(Manifest m) {
        if (m.isEmpty()) {
            return Section.notRun("Manifest", "manifest.json is absent");
        }
        List<List<String>> rows = new ArrayList<>();
        Json.mapper().<ObjectNode>valueToTree(m).properties().forEach(e -> {
            if (!e.getKey().equals("oracles") && !e.getKey().equals("steps")) {
                rows(e.getKey(), e.getValue(), rows);
            }
        });
        List<List<String>> steps = m.steps().stream().map(s -> List.of(s.name(), Objects.requireNonNullElse(s.status(), ""),
                Fmt.f("%.2f", s.seconds()), s.exitStatus() == null ? "" : s.exitStatus().toString(),
                Objects.requireNonNullElse(s.command(), ""), Objects.requireNonNullElse(s.message(), ""))).toList();
        return new Section("Manifest", true, List.of(new Block.Table(List.of("key", "value"), rows),
                new Block.Table(List.of("step", "status", "seconds", "exit status", "command", "message"), steps)));
    }

    private static void rows(String key, JsonNode n, List<List<String>> out) {
        if (n.isObject()) {
            n.properties().forEach(e -> rows(key + "." + e.getKey(), e.getValue(), out));
        } else if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(i -> items.add(i.asText()));
            out.add(List.of(key, String.join(" ", items)));
        } else {
            out.add(List.of(key, n.isNull() ? "" : n.asText()));
        }
    }
}
