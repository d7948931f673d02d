package ptlab.parse;

/**
 * The run-length encoding of heat reports: comma-separated tokens, each a count {@code v} or
 * {@code v*run} for {@code run} repetitions of {@code v}.
 */
public final class Rle {
    private Rle() {
    }

    /** How many values {@code rle} decodes to; validates every token. */
    public static long length(String rle) {
        long n = 0;
        int i = 0;
        int len = rle.length();
        if (len == 0) {
            return 0;
        }
        while (i <= len) {
            int end = rle.indexOf(',', i);
            if (end < 0) {
                end = len;
            }
            n += run(rle, i, end);
            i = end + 1;
        }
        return n;
    }

    /** Decodes {@code rle} into {@code out[offset..]}; returns the number of values written. */
    public static int decode(String rle, int[] out, int offset) {
        int pos = offset;
        int i = 0;
        int len = rle.length();
        if (len == 0) {
            return 0;
        }
        while (i <= len) {
            int end = rle.indexOf(',', i);
            if (end < 0) {
                end = len;
            }
            int star = star(rle, i, end);
            int v;
            long run;
            if (star >= 0) {
                v = (int) Num.dec(rle, i, star);
                run = Num.dec(rle, star + 1, end);
            } else {
                v = (int) Num.dec(rle, i, end);
                run = 1;
            }
            if (pos + run > out.length) {
                throw new IllegalArgumentException("run-length data longer than the " + (out.length - offset) + " pages announced");
            }
            java.util.Arrays.fill(out, pos, (int) (pos + run), v);
            pos += (int) run;
            i = end + 1;
        }
        return pos - offset;
    }

    private static long run(String rle, int from, int to) {
        if (to <= from) {
            throw new IllegalArgumentException("empty token in run-length data");
        }
        int star = star(rle, from, to);
        try {
            if (star >= 0) {
                long v = Num.dec(rle, from, star);
                long r = Num.dec(rle, star + 1, to);
                if (r < 1 || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("bad token '" + rle.substring(from, to) + "'");
                }
                return r;
            }
            if (Num.dec(rle, from, to) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad token '" + rle.substring(from, to) + "'");
            }
            return 1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad token '" + rle.substring(from, to) + "': " + e.getMessage());
        }
    }

    /** Index of '*' in {@code [from, to)}, or -1: indexOf would scan past the token. */
    private static int star(String rle, int from, int to) {
        for (int i = from; i < to; i++) {
            if (rle.charAt(i) == '*') {
                return i;
            }
        }
        return -1;
    }
}
