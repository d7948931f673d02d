package ptlab.parse;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A workload's stdout (memalloc.out): {@code <tag> key=value...} lines, {@code chunk 0x<va> <len>}
 * lines and a final {@code ready}.
 *
 * @param tagged  every key=value line in file order (the first is usually {@code memalloc ...})
 */
public record MemallocOut(Path file, List<Tagged> tagged, Chunks chunks, boolean ready) {
    public MemallocOut {
        tagged = List.copyOf(tagged);
    }

    /** One {@code <tag> key=value...} line. */
    public record Tagged(int line, String tag, KeyValues kv) {
    }

    public Optional<Tagged> first(String tag) {
        return tagged.stream().filter(t -> t.tag().equals(tag)).findFirst();
    }

    public List<Tagged> all(String tag) {
        return tagged.stream().filter(t -> t.tag().equals(tag)).toList();
    }

    /** The first line with this tag, or a file:line error naming what is missing. */
    public Tagged require(String tag) {
        return first(tag).orElseThrow(() -> LineReader.error(file, 0, tag, "no '" + tag + " key=value...' line"));
    }

    /** A key of a tagged line as a number, with errors pointing at that line. */
    public long num(Tagged t, String key) {
        try {
            return t.kv().num(key);
        } catch (IllegalArgumentException e) {
            throw LineReader.error(file, t.line(), t.tag() + "." + key, e.getMessage());
        }
    }

    public String str(Tagged t, String key) {
        try {
            return t.kv().str(key);
        } catch (IllegalArgumentException e) {
            throw LineReader.error(file, t.line(), t.tag() + "." + key, e.getMessage());
        }
    }
}
