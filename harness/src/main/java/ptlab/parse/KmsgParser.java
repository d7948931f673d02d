package ptlab.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Parses raw/kmsg.txt, the /dev/kmsg stream as read, one record per line. */
public final class KmsgParser {
    private KmsgParser() {
    }

    public static KmsgLog parse(Path file) {
        List<KmsgRecord> records = new ArrayList<>();
        List<KmsgLog.Gap> gaps = new ArrayList<>();
        long[] lost = {0};
        int[] outOfOrder = {0};
        each(file, r -> {
            if (!records.isEmpty()) {
                long prev = records.get(records.size() - 1).seq();
                if (r.seq() <= prev) {
                    outOfOrder[0]++;
                } else if (r.seq() > prev + 1) {
                    long missing = r.seq() - prev - 1;
                    lost[0] += missing;
                    gaps.add(new KmsgLog.Gap(prev, r.seq(), missing, r.line()));
                }
            }
            records.add(r);
        });
        return new KmsgLog(file, records, lost[0], gaps, outOfOrder[0]);
    }

    /** Every record of the file in order, one at a time, none kept: for logs too large to hold. */
    public static void each(Path file, Consumer<KmsgRecord> sink) {
        try (LineReader in = LineReader.open(file)) {
            String s;
            while ((s = in.next()) != null) {
                if (s.isEmpty() || s.charAt(0) == ' ') {
                    // dictionary continuation lines (" SUBSYSTEM=...") carry nothing we use
                    continue;
                }
                sink.accept(parseLine(in, s));
            }
        }
    }

    private static KmsgRecord parseLine(LineReader in, String s) {
        int semi = s.indexOf(';');
        if (semi < 0) {
            throw in.error("", "not a kmsg record (no ';' after the <prio>,<seq>,<ts_usec>,<flags> prefix)");
        }
        int c1 = s.indexOf(',');
        int c2 = c1 < 0 ? -1 : s.indexOf(',', c1 + 1);
        int c3 = c2 < 0 ? -1 : s.indexOf(',', c2 + 1);
        if (c1 < 0 || c2 < 0 || c3 < 0 || c3 > semi) {
            throw in.error("", "kmsg prefix needs <prio>,<seq>,<ts_usec>,<flags> before ';'");
        }
        try {
            int prio = (int) Num.dec(s, 0, c1);
            long seq = Num.dec(s, c1 + 1, c2);
            long ts = Num.dec(s, c2 + 1, c3);
            return new KmsgRecord(in.lineNo(), prio, seq, ts, unescape(s.substring(semi + 1)));
        } catch (NumberFormatException e) {
            throw in.error("", "kmsg prefix: " + e.getMessage());
        }
    }

    /** The kernel prints non-printable bytes and backslashes as {@code \xNN}. */
    static String unescape(String m) {
        if (m.indexOf('\\') < 0) {
            return m;
        }
        StringBuilder sb = new StringBuilder(m.length());
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c == '\\' && i + 3 < m.length() && m.charAt(i + 1) == 'x'
                    && Character.digit(m.charAt(i + 2), 16) >= 0 && Character.digit(m.charAt(i + 3), 16) >= 0) {
                sb.append((char) Integer.parseInt(m.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
