package ptlab.grade;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ptlab.analysis.OracleResult;

/**
 * The kind of mistake behind a failed oracle, in words the class report counts ("translate: logs the PFN
 * instead of the PA: 12"): the verdict that ended the part (KERNEL_CRASH, BUILD_FAILED...), else the largest
 * wrong class the judge counted, else "fails".
 */
final class FailureClass {
    private static final Pattern VERDICT = Pattern.compile("^(KERNEL_CRASH|TIMEOUT|LOG_FLOOD|INSMOD_FAILED|BUILD_FAILED|MISSING"
            + "|NOT_RUN)\\b");
    private static final Map<String, String> TRANSLATE = new LinkedHashMap<>();
    private static final Map<String, String> VMA = new LinkedHashMap<>();
    /** Counts the pagetable judges (parts A and B) print as "N what". */
    private static final Map<String, String> COUNTS = new LinkedHashMap<>();

    static {
        TRANSLATE.put("PAGE", "logs the page's PA without the offset");
        TRANSLATE.put("PFN", "logs the PFN instead of the PA");
        TRANSLATE.put("WRONG", "logs a wrong number");
        TRANSLATE.put("NOTHING", "logs nothing for the VA");
        VMA.put("differ", "prints VMAs whose fields differ from maps");
        VMA.put("missing", "misses VMAs");
        VMA.put("extra", "prints VMAs maps does not have");
        COUNTS.put("logged as a PFN", "logs the PFN instead of the PA");
        COUNTS.put("not logged", "logs nothing for the process's pages");
        COUNTS.put("a physical address", "answers the PA instead of the PFN");
        COUNTS.put("failed", "the call fails");
        COUNTS.put("wrong", "answers wrong numbers");
    }

    private FailureClass() {
    }

    static String of(String item, OracleResult o) {
        if (o.status() == OracleResult.Status.NEEDS_REVIEW) {
            return item + ": needs review";
        }
        Matcher v = VERDICT.matcher(o.detail());
        if (v.find()) {
            return item + ": " + v.group(1);
        }
        String largest = largest(o.detail(), TRANSLATE, "(%s) (\\d+)");
        if (largest == null) {
            largest = largest(o.detail(), VMA, "(\\d+) (%s)");
        }
        if (largest == null) {
            largest = largest(o.detail(), COUNTS, "(\\d+) (%s)");
        }
        return item + ": " + (largest != null ? largest : "fails");
    }

    /** The words of the class with the largest count above 0 in {@code detail}; null when none is counted. */
    private static String largest(String detail, Map<String, String> classes, String form) {
        String best = null;
        long most = 0;
        for (Map.Entry<String, String> e : classes.entrySet()) {
            Matcher m = Pattern.compile("\\b" + String.format(form, e.getKey()) + "\\b").matcher(detail);
            if (m.find()) {
                long n = Long.parseLong(m.group(1).matches("\\d+") ? m.group(1) : m.group(2));
                if (n > most) {
                    most = n;
                    best = e.getValue();
                }
            }
        }
        return best;
    }
}
