package ptlab.parse;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The last window between two marker prefixes of a kmsg file, its lines read again from the file on every walk and
 * never held: a module that logs every page of a 1 GiB buffer every second writes millions of lines, more than a
 * judge may keep in memory. Windows open and close as in {@link MarkedWindows#between}.
 *
 * @param begin  the last begin marker
 * @param end    the end marker that closed it, or null
 * @param lines  how many lines the window holds
 */
public record StreamedWindow(Path file, String beginPrefix, String endPrefix, KmsgRecord begin, KmsgRecord end, long lines)
        implements MarkedWindows.Walk {

    /** The file's last window, or null when no begin marker is there. */
    public static StreamedWindow last(Path file, String beginPrefix, String endPrefix) {
        KmsgRecord[] found = new KmsgRecord[2];
        long[] count = {0};
        boolean[] open = {false};
        KmsgParser.each(file, r -> {
            if (r.message().startsWith(beginPrefix)) {
                found[0] = r;
                found[1] = null;
                count[0] = 0;
                open[0] = true;
            } else if (r.message().startsWith(endPrefix)) {
                if (open[0]) {
                    found[1] = r;
                    open[0] = false;
                }
            } else if (open[0]) {
                MarkedWindows.lines(r, l -> count[0]++);
            }
        });
        return found[0] == null ? null : new StreamedWindow(file, beginPrefix, endPrefix, found[0], found[1], count[0]);
    }

    @Override
    public void each(Consumer<MarkedWindows.Line> sink) {
        boolean[] inside = {false};
        KmsgParser.each(file, r -> {
            if (r.line() == begin.line()) {
                inside[0] = true;
            } else if (inside[0] && (end != null ? r.line() == end.line() : r.message().startsWith(beginPrefix))) {
                inside[0] = false;
            } else if (inside[0]) {
                MarkedWindows.lines(r, sink);
            }
        });
    }
}
