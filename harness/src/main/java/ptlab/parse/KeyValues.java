package ptlab.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Space-separated {@code key=value} tokens, in the order given. Used for every key=value line the
 * modules and workloads print; unknown keys are kept so that new fields never break old parsers.
 */
public record KeyValues(Map<String, String> values) {
    public KeyValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parses {@code text[from..]}. A token without '=' or with an empty key is an error (the message
     * names the token). When {@code restKey} is given, a token starting with {@code restKey=} takes the
     * rest of the line as its value, spaces included (paths may contain spaces).
     */
    public static KeyValues parse(String text, int from, String restKey) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = from;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int end = text.indexOf(' ', i);
            if (end < 0) {
                end = n;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0 || eq >= end || eq == i) {
                throw new IllegalArgumentException("expected key=value, got '" + text.substring(i, end) + "'");
            }
            String key = text.substring(i, eq);
            if (restKey != null && key.equals(restKey)) {
                out.put(key, text.substring(eq + 1));
                break;
            }
            if (out.put(key, text.substring(eq + 1, end)) != null) {
                throw new IllegalArgumentException("key '" + key + "' given twice");
            }
            i = end;
        }
        return new KeyValues(out);
    }

    public static KeyValues parse(String text, int from) {
        return parse(text, from, null);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String str(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        return v;
    }

    public String str(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** Decimal or 0x-hex. */
    public long num(String key) {
        String v = str(key);
        try {
            return Num.any(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key '" + key + "': " + e.getMessage());
        }
    }

    public long num(String key, long fallback) {
        return has(key) ? num(key) : fallback;
    }

    public long hex(String key) {
        String v = str(key);
        try {
            return Num.hex(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key '" + key + "': " + e.getMessage());
        }
    }
}
