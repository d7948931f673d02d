package ptlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ptlab.parse.GuestInfoReader;
import ptlab.parse.Manifest;

/** The guest's own description (raw/guest/*.txt) and the flattened manifest. */
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

    static Section manifest(Manifest m) {
        if (m.flat().isEmpty()) {
            return Section.notRun("Manifest", "manifest.json is absent");
        }
        List<List<String>> rows = new ArrayList<>();
        m.flat().forEach((k, v) -> rows.add(List.of(k, v)));
        return new Section("Manifest", true, List.of(new Block.Table(List.of("key", "value"), rows)));
    }
}
