package ptlab.parse;

/**
 * Allocation-free number parsing for the hot loops of the CSV parsers (no regex, no substring).
 * Every method throws {@link NumberFormatException} with a short reason; callers turn it into a
 * file:line error.
 */
public final class Num {
    private Num() {
    }

    /** {@code 0x}-prefixed hexadecimal in {@code s[from, to)}, at most 16 digits. */
    public static long hex(CharSequence s, int from, int to) {
        if (to - from < 3 || s.charAt(from) != '0' || (s.charAt(from + 1) != 'x' && s.charAt(from + 1) != 'X')) {
            throw new NumberFormatException("expected 0x-prefixed hex, got '" + s.subSequence(from, to) + "'");
        }
        if (to - from - 2 > 16) {
            throw new NumberFormatException("hex value too long: '" + s.subSequence(from, to) + "'");
        }
        long v = 0;
        for (int i = from + 2; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                throw new NumberFormatException("bad hex digit in '" + s.subSequence(from, to) + "'");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Non-negative decimal in {@code s[from, to)}. */
    public static long dec(CharSequence s, int from, int to) {
        if (to <= from) {
            throw new NumberFormatException("expected a number, got nothing");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("expected a decimal number, got '" + s.subSequence(from, to) + "'");
            }
            if (v > (Long.MAX_VALUE - 9) / 10) {
                throw new NumberFormatException("number too large: '" + s.subSequence(from, to) + "'");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Decimal, or hexadecimal when prefixed with {@code 0x}; an optional leading minus sign. */
    public static long any(CharSequence s, int from, int to) {
        if (to > from && s.charAt(from) == '-') {
            return -any(s, from + 1, to);
        }
        if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
            return hex(s, from, to);
        }
        return dec(s, from, to);
    }

    public static long hex(String s) {
        return hex(s, 0, s.length());
    }

    public static long dec(String s) {
        return dec(s, 0, s.length());
    }

    public static long any(String s) {
        return any(s, 0, s.length());
    }

    /** A 0/1 flag. */
    public static boolean flag(CharSequence s, int from, int to) {
        if (to - from == 1) {
            char c = s.charAt(from);
            if (c == '0') {
                return false;
            }
            if (c == '1') {
                return true;
            }
        }
        throw new NumberFormatException("expected 0 or 1, got '" + s.subSequence(from, to) + "'");
    }
}
