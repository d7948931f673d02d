package ptlab.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses /var/log/kern.log as written by rsyslog, in either of its two stock formats:
 * {@code 2026-11-24T01:02:03.123456+00:00 host kernel: [   12.345678] msg} (RFC 3339, Debian 12+) or
 * {@code Nov 24 01:02:03 host kernel: msg} (traditional). The bracketed timestamp is optional.
 */
public final class KernLogParser {
    private static final Set<String> MONTHS = Set.of(
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private KernLogParser() {
    }

    public static KernLog parse(Path file) {
        List<KmsgLog.ModuleLine> messages = new ArrayList<>();
        int lines = 0;
        int other = 0;
        try (LineReader in = LineReader.open(file)) {
            String s;
            while ((s = in.next()) != null) {
                lines++;
                if (s.isBlank()) {
                    continue;
                }
                int afterStamp = skipTimestamp(in, s);
                int hostEnd = s.indexOf(' ', afterStamp);
                if (hostEnd < 0) {
                    throw in.error("", "expected '<timestamp> <host> <tag>: <message>'");
                }
                String prefix = "kernel: ";
                if (!s.startsWith(prefix, hostEnd + 1)) {
                    other++;
                    continue;
                }
                messages.add(new KmsgLog.ModuleLine(in.lineNo(), stripBracketTime(s.substring(hostEnd + 1 + prefix.length()))));
            }
        }
        return new KernLog(file, lines, other, messages);
    }

    /** Index just past the timestamp and its following space. */
    private static int skipTimestamp(LineReader in, String s) {
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            int sp = s.indexOf(' ');
            if (sp >= 19 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':') {
                return sp + 1;
            }
            throw in.error("", "bad RFC 3339 timestamp at the start of the line");
        }
        // "Nov 24 01:02:03 " or "Nov  4 01:02:03 "
        if (s.length() >= 16 && MONTHS.contains(s.substring(0, 3)) && s.charAt(3) == ' '
                && s.charAt(9) == ':' && s.charAt(12) == ':' && s.charAt(15) == ' '
                && (Character.isDigit(s.charAt(4)) || s.charAt(4) == ' ') && Character.isDigit(s.charAt(5))) {
            return 16;
        }
        throw in.error("", "line does not start with a syslog timestamp (RFC 3339 or 'Mmm dd hh:mm:ss')");
    }

    private static String stripBracketTime(String m) {
        if (m.startsWith("[")) {
            int close = m.indexOf(']');
            if (close > 0 && m.substring(1, close).trim().matches("[0-9]+\\.[0-9]+")) {
                int start = close + 1;
                return start < m.length() && m.charAt(start) == ' ' ? m.substring(start + 1) : m.substring(start);
            }
        }
        return m;
    }
}
