package ptlab.submission;

import java.util.Arrays;
import java.util.stream.Collectors;
import ptlab.HarnessException;

/**
 * A person's answer where the finder has none or several: {@code part} is taken only from candidates at
 * or under {@code path} (a folder or a file, relative to the submission's top). Parsed from
 * {@code NAME=PATH} as the CLI's {@code --part} gives it; a spec field can build one directly.
 */
public record PartOverride(Part part, String path) {
    public PartOverride {
        try {
            path = EntryNames.relative(path);
        } catch (IllegalArgumentException e) {
            throw HarnessException.usage("--part " + part.id() + "=" + path + ": the path must stay inside the submission ("
                    + e.getMessage() + ")");
        }
    }

    public static PartOverride parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw HarnessException.usage("--part takes NAME=PATH, got '" + text + "'");
        }
        String name = text.substring(0, eq);
        Part part = Part.byId(name).orElseThrow(() -> HarnessException.usage("--part " + text + ": no part named '" + name
                + "'; parts are " + Arrays.stream(Part.values()).map(Part::id).collect(Collectors.joining(", "))));
        return new PartOverride(part, text.substring(eq + 1));
    }

    /** Whether a file at {@code rel} (relative to the top) is at or under this override's path. */
    boolean covers(String rel) {
        return path.isEmpty() || rel.equals(path) || rel.startsWith(path + "/");
    }
}
