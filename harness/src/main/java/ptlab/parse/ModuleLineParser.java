package ptlab.parse;

import java.nio.file.Path;
import ptlab.SourceLocatedException;

/** Shared helpers for parsers of module lines found in kmsg.txt. */
final class ModuleLineParser {
    private ModuleLineParser() {
    }

    /** The key=value fields after {@code verb}, errors pointing at the kmsg line. */
    static KeyValues fields(Path file, KmsgLog.ModuleLine m, String verb, String restKey) {
        try {
            return KeyValues.parse(m.body(), verb.length() + 1, restKey);
        } catch (IllegalArgumentException e) {
            throw error(file, m, verb, e.getMessage());
        }
    }

    static long num(Path file, KmsgLog.ModuleLine m, String verb, KeyValues kv, String key) {
        try {
            return kv.num(key);
        } catch (IllegalArgumentException e) {
            throw error(file, m, verb + "." + key, e.getMessage());
        }
    }

    static long hex(Path file, KmsgLog.ModuleLine m, String verb, KeyValues kv, String key) {
        try {
            return kv.hex(key);
        } catch (IllegalArgumentException e) {
            throw error(file, m, verb + "." + key, e.getMessage());
        }
    }

    static String str(Path file, KmsgLog.ModuleLine m, String verb, KeyValues kv, String key) {
        try {
            return kv.str(key);
        } catch (IllegalArgumentException e) {
            throw error(file, m, verb + "." + key, e.getMessage());
        }
    }

    static SourceLocatedException error(Path file, KmsgLog.ModuleLine m, String field, String problem) {
        return LineReader.error(file, m.line(), field, problem);
    }

    static boolean isVerb(KmsgLog.ModuleLine m, String verb) {
        String b = m.body();
        return b.startsWith(verb) && (b.length() == verb.length() || b.charAt(verb.length()) == ' ');
    }
}
