package ptlab.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses /proc/pid/maps and /proc/pid/smaps as saved in raw/vma/. */
public final class MapsParser {
    private MapsParser() {
    }

    public static List<MapsEntry> parseMaps(Path file) {
        List<MapsEntry> out = new ArrayList<>();
        try (LineReader in = LineReader.open(file)) {
            String s;
            while ((s = in.next()) != null) {
                if (!s.isBlank()) {
                    out.add(header(in, s));
                }
            }
        }
        return out;
    }

    /** The smaps headers, each with its VmFlags; other per-VMA fields are skipped. */
    public static List<MapsEntry> parseSmaps(Path file) {
        List<MapsEntry> out = new ArrayList<>();
        try (LineReader in = LineReader.open(file)) {
            String s;
            while ((s = in.next()) != null) {
                if (s.isBlank()) {
                    continue;
                }
                if (isHeader(s)) {
                    out.add(header(in, s));
                    continue;
                }
                int colon = s.indexOf(':');
                if (colon <= 0 || !s.substring(0, colon).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw in.error("", "expected a maps header or 'Key: value'");
                }
                if (out.isEmpty()) {
                    throw in.error(s.substring(0, colon), "field before the first mapping header");
                }
                if (s.startsWith("VmFlags:")) {
                    String flags = s.substring(colon + 1).trim();
                    MapsEntry last = out.remove(out.size() - 1);
                    out.add(last.withVmFlags(flags.isEmpty() ? List.of() : Arrays.asList(flags.split(" +"))));
                }
            }
        }
        return out;
    }

    private static boolean isHeader(String s) {
        int dash = s.indexOf('-');
        int sp = s.indexOf(' ');
        return dash > 0 && sp > dash && Character.digit(s.charAt(0), 16) >= 0 && s.indexOf(':') > sp;
    }

    private static MapsEntry header(LineReader in, String s) {
        int[] cut = new int[5];
        int pos = 0;
        for (int k = 0; k < 5; k++) {
            int sp = s.indexOf(' ', pos);
            if (sp < 0) {
                if (k == 4) {
                    sp = s.length();
                } else {
                    throw in.error("", "expected 'start-end perms offset dev inode [path]'");
                }
            }
            cut[k] = sp;
            pos = sp + 1;
        }
        String range = s.substring(0, cut[0]);
        int dash = range.indexOf('-');
        String perms = s.substring(cut[0] + 1, cut[1]);
        if (dash <= 0 || perms.length() != 4) {
            throw in.error("", "expected 'start-end perms offset dev inode [path]'");
        }
        try {
            long start = Long.parseUnsignedLong(range.substring(0, dash), 16);
            long end = Long.parseUnsignedLong(range.substring(dash + 1), 16);
            long offset = Long.parseUnsignedLong(s.substring(cut[1] + 1, cut[2]), 16);
            String dev = s.substring(cut[2] + 1, cut[3]);
            long inode = Long.parseLong(s.substring(cut[3] + 1, cut[4]));
            String path = cut[4] >= s.length() ? "" : s.substring(cut[4]).strip();
            return new MapsEntry(in.lineNo(), start, end, perms, offset, dev, inode, path, List.of());
        } catch (NumberFormatException e) {
            throw in.error("", "bad number in maps line: " + e.getMessage());
        }
    }
}
