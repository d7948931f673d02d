package ptlab.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report line that carries many pages at once as run-length pairs: {@code first=0 rle=10*131072,0*131073} or
 * {@code start=512 runs=3*16,0*240}; each token is a value {@code v} or {@code v*count}, entries run from page index
 * {@code first} (or {@code start}) in steps of {@code gran} pages (1 when not printed). A report may be split in parts
 * ({@code part=2/4}), each line with its own first index. When the line prints the VA of page 0 ({@code addr=0x..}),
 * that VA is the hits' origin so the judge can line the indices up with the buffer memalloc printed.
 */
final class RunLengthForm {
    private static final Pattern RUNS = Pattern.compile("(?i)(?<![\\w])(?:rle|runs)\\s*[=:]\\s*"
            + "(\\d+(?:\\.\\d+)?(?:\\*\\d+)?(?:,\\d+(?:\\.\\d+)?(?:\\*\\d+)?)*)(?![\\w.*])");
    private static final Pattern FIRST = Pattern.compile("(?i)(?<![\\w])(?:first|start|first_page|start_page)\\s*[=:]\\s*(\\d+)(?![\\w.])");
    private static final Pattern GRAN = Pattern.compile("(?i)(?<![\\w])(?:gran|granularity|pages_per_entry)\\s*[=:]\\s*(\\d+)(?![\\w.])");
    private static final Pattern ORIGIN = Pattern.compile("(?i)(?<![\\w])(?:addr|base|va|start_va)\\s*[=:]\\s*(0x[0-9a-f]{1,16})(?![\\w])");

    private RunLengthForm() {
    }

    /** The line's runs as hits in pages (zero runs included: they name pages as idle), or empty. */
    static List<AccessForms.Hit> read(String line) {
        Matcher runs = RUNS.matcher(line);
        if (!runs.find()) {
            return List.of();
        }
        try {
            long page = number(FIRST, line, 0);
            long gran = Math.max(1, number(GRAN, line, 1));
            Matcher o = ORIGIN.matcher(line);
            long origin = o.find() ? Long.parseUnsignedLong(o.group(1).substring(2), 16) : 0;
            List<AccessForms.Hit> out = new ArrayList<>();
            for (String token : runs.group(1).split(",")) {
                int star = token.indexOf('*');
                double value = Double.parseDouble(star < 0 ? token : token.substring(0, star));
                long n = star < 0 ? 1 : Long.parseLong(token.substring(star + 1));
                long to = Math.addExact(page, Math.multiplyExact(n, gran));
                out.add(new AccessForms.Hit(AccessForms.Form.RUN_LENGTH, page, to, value, origin));
                page = to;
            }
            return out;
        } catch (NumberFormatException | ArithmeticException e) {
            return List.of();
        }
    }

    private static long number(Pattern p, String line, long otherwise) {
        Matcher m = p.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : otherwise;
    }
}
