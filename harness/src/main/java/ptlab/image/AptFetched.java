package ptlab.image;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds up what apt downloads during an image build, from the {@code Fetched 183 MB in 4s (45.1 MB/s)}
 * lines apt prints after every {@code update} and every download (mmdebstrap passes them through with
 * {@code --verbose}). apt writes sizes with SI prefixes (kB = 1000 B) and, in some locales, digit
 * grouping ({@code 8,190 kB}); both are understood. Not thread-safe: one instance per build.
 */
final class AptFetched {
    private static final Pattern FETCHED = Pattern.compile(
            "^Fetched ([0-9][0-9,.]*) ?([kMGT]?B) in [0-9].*$");

    private long totalBytes;
    private int fetches;
    private boolean sawGet;

    /** The bytes one apt "Fetched ..." line reports, or empty for any other line. */
    static OptionalLong bytesOf(String line) {
        Matcher m = FETCHED.matcher(line.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        String number = m.group(1);
        // "8,190" is digit grouping; a lone comma followed by 1-2 digits would be a decimal comma.
        if (number.matches("\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
            number = number.replace(",", "");
        } else {
            number = number.replace(',', '.');
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        long unit = switch (m.group(2)) {
            case "kB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            default -> 1L;
        };
        return OptionalLong.of(Math.round(value * unit));
    }

    /**
     * Counts the line if it is a "Fetched" line that follows a download; returns its bytes, or empty.
     * A "Fetched" line with no "Get:" line since the last one counted is an echo, not a second download:
     * apt forks its pre-install hooks with the line still in its stdout buffer when stdout is a pipe,
     * and the child prints it again on exit (seen on trixie: "Fetched 207 MB" twice, one download).
     */
    OptionalLong accept(String line) {
        if (line.startsWith("Get:")) {
            sawGet = true;
            return OptionalLong.empty();
        }
        OptionalLong b = bytesOf(line);
        if (b.isEmpty() || (!sawGet && b.getAsLong() > 0)) {
            return OptionalLong.empty();
        }
        sawGet = false;
        totalBytes += b.getAsLong();
        fetches++;
        return b;
    }

    long totalBytes() {
        return totalBytes;
    }

    int fetches() {
        return fetches;
    }

    /** A size the way apt prints it: SI units, one decimal below 10. */
    static String human(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
