package ptlab.parse;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A file of {@code key=value} lines (params.txt); blank lines and {@code #} comments are skipped. */
public final class KeyValueFile {
    private final Path file;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private KeyValueFile(Path file, Map<String, String> values, Map<String, Integer> lines) {
        this.file = file;
        this.values = values;
        this.lines = lines;
    }

    public static KeyValueFile parse(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (LineReader in = LineReader.open(file)) {
            String s;
            while ((s = in.next()) != null) {
                String t = s.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw in.error("", "expected key=value");
                }
                String key = t.substring(0, eq).strip();
                if (values.put(key, t.substring(eq + 1).strip()) != null) {
                    throw in.error(key, "given twice");
                }
                lines.put(key, in.lineNo());
            }
        }
        return new KeyValueFile(file, values, lines);
    }

    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public String str(String key) {
        String v = values.get(key);
        if (v == null) {
            throw LineReader.error(file, 0, key, "missing key '" + key + "'");
        }
        return v;
    }

    /** Decimal or 0x-hex; an error names the line. */
    public long num(String key) {
        String v = str(key);
        try {
            return Num.any(v);
        } catch (NumberFormatException e) {
            throw LineReader.error(file, lines.get(key), key, e.getMessage());
        }
    }

    /** {@link #num} of an optional key: {@code absent} when the file does not have it. */
    public long numOr(String key, long absent) {
        return values.containsKey(key) ? num(key) : absent;
    }

    /** A SourceLocatedException at the line of {@code key}. */
    public ptlab.SourceLocatedException error(String key, String problem) {
        return LineReader.error(file, lines.getOrDefault(key, 0), key, problem);
    }
}
