package ptlab.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * raw/damon/damon_aggregated.txt: the tracefs {@code trace} file with the {@code damon:damon_aggregated} event,
 * one line per region per aggregation, in address order:
 * {@code kdamond.0-1234 [001] ..... 123.456789: damon_aggregated: target_id=0 nr_regions=12 START-END: NR_ACCESSES AGE}
 * (include/trace/events/damon.h; START and END decimal). Comment lines ({@code #}) are skipped. The lines of one
 * aggregation are the next {@code nr_regions} lines of one target; an aggregation cut short by the end of the file
 * or by a line of another aggregation is an error naming its line.
 */
public final class DamonTraceParser {
    private static final Pattern LINE = Pattern.compile(
            "\\s(\\d+\\.\\d+): damon_aggregated: target_id=(\\d+) nr_regions=(\\d+) (\\d+)-(\\d+): (\\d+) (\\d+)\\s*$");

    /** One region of one aggregation: {@code [start, end)}, sampled accesses in the aggregation, its age. */
    public record Region(long start, long end, int nrAccesses, int age) {
    }

    /** One aggregation: the trace timestamp of its first line (seconds) and its regions in address order. */
    public record Aggregation(int line, double tS, long targetId, List<Region> regions) {
        public Aggregation {
            regions = List.copyOf(regions);
        }
    }

    private DamonTraceParser() {
    }

    public static List<Aggregation> parse(Path file) {
        List<Aggregation> out = new ArrayList<>();
        try (LineReader in = LineReader.open(file)) {
            List<Region> cur = new ArrayList<>();
            int want = 0;
            int first = 0;
            double t = 0;
            long target = 0;
            String s;
            while ((s = in.next()) != null) {
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                if (!s.contains("damon_aggregated:")) {
                    continue;	// other events, "CPU:n [LOST m EVENTS]" lines are counted below
                }
                Matcher m = LINE.matcher(s);
                if (!m.find()) {
                    throw in.error("damon_aggregated", "not 'target_id=N nr_regions=N START-END: NR AGE': " + s.strip());
                }
                long tid = Long.parseLong(m.group(2));
                int n = Integer.parseInt(m.group(3));
                long start = Long.parseUnsignedLong(m.group(4));
                long end = Long.parseUnsignedLong(m.group(5));
                if (Long.compareUnsigned(end, start) <= 0) {
                    throw in.error("damon_aggregated.end", "region end " + end + " is not above its start " + start);
                }
                if (cur.isEmpty()) {
                    want = n;
                    first = in.lineNo();
                    t = Double.parseDouble(m.group(1));
                    target = tid;
                    if (n < 1) {
                        throw in.error("damon_aggregated.nr_regions", "an aggregation has at least one region");
                    }
                } else if (n != want || tid != target || Long.compareUnsigned(start, cur.get(cur.size() - 1).end()) < 0) {
                    throw in.error("damon_aggregated", "the aggregation of line " + first + " has " + cur.size() + " of its "
                            + want + " regions when this line starts another");
                }
                cur.add(new Region(start, end, Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7))));
                if (cur.size() == want) {
                    out.add(new Aggregation(first, t, target, cur));
                    cur = new ArrayList<>();
                }
            }
            if (!cur.isEmpty()) {
                throw LineReader.error(file, first, "damon_aggregated", "the last aggregation has " + cur.size() + " of its "
                        + want + " regions");
            }
        }
        return out;
    }
}
