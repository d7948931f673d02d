package ptlab.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parses a workload's memalloc.out (see {@link MemallocOut}). */
public final class MemallocOutParser {
    private MemallocOutParser() {
    }

    public static MemallocOut parse(Path file) {
        List<MemallocOut.Tagged> tagged = new ArrayList<>();
        LongList va = new LongList();
        LongList len = new LongList();
        boolean ready = false;
        try (LineReader in = LineReader.open(file)) {
            String s;
            while ((s = in.next()) != null) {
                if (s.isBlank()) {
                    continue;
                }
                if (s.startsWith("chunk ")) {
                    chunk(in, s, va, len);
                    continue;
                }
                if (s.equals("ready")) {
                    ready = true;
                    continue;
                }
                int sp = s.indexOf(' ');
                String tag = sp < 0 ? s : s.substring(0, sp);
                if (!tag.matches("[a-z][a-z0-9_]*")) {
                    throw in.error("", "expected '<tag> key=value...', 'chunk 0x<va> <len>' or 'ready'");
                }
                try {
                    tagged.add(new MemallocOut.Tagged(in.lineNo(), tag, sp < 0 ? KeyValues.parse("", 0) : KeyValues.parse(s, sp + 1)));
                } catch (IllegalArgumentException e) {
                    throw in.error(tag, e.getMessage());
                }
            }
        }
        return new MemallocOut(file, tagged, new Chunks(va.toArray(), len.toArray()), ready);
    }

    private static void chunk(LineReader in, String s, LongList va, LongList len) {
        int a = 6;
        int b = s.indexOf(' ', a);
        if (b < 0 || s.indexOf(' ', b + 1) >= 0) {
            throw in.error("chunk", "expected 'chunk 0x<va> <len>'");
        }
        try {
            va.add(Num.hex(s, a, b));
            len.add(Num.any(s, b + 1, s.length()));
        } catch (NumberFormatException e) {
            throw in.error("chunk", e.getMessage());
        }
    }
}
