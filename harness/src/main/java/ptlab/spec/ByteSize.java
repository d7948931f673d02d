package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory in bytes, written in specs as {@code 4096}, {@code 64K}, {@code 256M}, {@code 2G}
 * or {@code 1T}. Suffixes are powers of 1024 and upper case, so {@code 2G} is 2 GiB as the assignment means
 * it. Printed in the largest unit that divides it exactly, so a value reads back the same.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    public static final long KIB = 1024L;
    public static final long MIB = 1024L * KIB;
    public static final long GIB = 1024L * MIB;
    public static final long TIB = 1024L * GIB;
    /** The base page size of x86-64; every buffer size is a multiple of it. */
    public static final long PAGE = 4096L;

    private static final Pattern SYNTAX = Pattern.compile("([0-9]{1,19})([KMGT]?)");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative, got " + bytes);
        }
    }

    /** From YAML: a plain integer is bytes, text is parsed by {@link #parse}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ByteSize fromYaml(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return new ByteSize(node.longValue());
        }
        if (node.isTextual()) {
            return parse(node.textValue());
        }
        throw new IllegalArgumentException("expected a size such as 4096, 64K, 256M or 2G"
                + " (K, M, G, T are powers of 1024), got " + (node.isContainerNode() ? "a " + (node.isArray() ? "list" : "mapping") : node.toString()));
    }

    /** Parses {@code 4096}, {@code 64K}, {@code 256M}, {@code 2G}, {@code 1T}. */
    public static ByteSize parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 4096, 64K, 256M or 2G"
                    + " (K, M, G, T are powers of 1024), got '" + text + "'");
        }
        long unit = switch (m.group(2)) {
            case "K" -> KIB;
            case "M" -> MIB;
            case "G" -> GIB;
            case "T" -> TIB;
            default -> 1L;
        };
        try {
            return new ByteSize(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large", e);
        }
    }

    public static ByteSize ofMib(long mib) {
        return new ByteSize(Math.multiplyExact(mib, MIB));
    }

    /** Number of whole 4 KiB pages. */
    public long pages() {
        return bytes / PAGE;
    }

    public boolean isMultipleOf(long unit) {
        return bytes % unit == 0;
    }

    @Override
    public int compareTo(ByteSize o) {
        return Long.compare(bytes, o.bytes);
    }

    @JsonValue
    @Override
    public String toString() {
        if (bytes == 0) {
            return "0";
        }
        long[] units = {TIB, GIB, MIB, KIB};
        String[] suffixes = {"T", "G", "M", "K"};
        for (int i = 0; i < units.length; i++) {
            if (bytes % units[i] == 0) {
                return bytes / units[i] + suffixes[i];
            }
        }
        return Long.toString(bytes);
    }
}
