package ptlab.judge;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.OracleResult;
import ptlab.runfolder.SubmissionParts;

/**
 * What raw/submission/parts.json says of each part of the assignment: found and built (warnings are listed,
 * never failing), missing or ambiguous, or failed to build (with the compiler's excerpt).
 */
public final class BuildJudge {
    private BuildJudge() {
    }

    /** {@code lkp25p3 found and built}. */
    public static String name(String part) {
        return part + " found and built";
    }

    public static OracleResult judge(SubmissionParts.Part p) {
        String name = name(p.part());
        if (p.ambiguous()) {
            // several candidates: not built, not run; a person decides which (and --part settles it next time)
            return OracleResult.needsReview(name, "AMBIGUOUS" + (p.detail().isEmpty() ? "" : ": " + p.detail()));
        }
        if (!p.found()) {
            return OracleResult.fail(name, p.state().toUpperCase(java.util.Locale.ROOT) + (p.detail().isEmpty() ? "" : ": " + p.detail()));
        }
        SubmissionParts.Build b = p.build();
        if (b == null || b.verdict().isEmpty() || b.verdict().equals("NOT_BUILT")) {
            return OracleResult.notApplicable(name, "found (" + p.detail() + "), not built by the harness");
        }
        if (b.verdict().equals(SubmissionParts.Build.FAILED)) {
            String first = b.excerpt().lines().filter(l -> l.contains("error")).findFirst()
                    .orElse(b.excerpt().lines().findFirst().orElse(""));
            return OracleResult.fail(name, "BUILD_FAILED (" + b.builtBy() + ")" + (first.isEmpty() ? "" : ": " + first.strip()));
        }
        return OracleResult.of(name, b.verdict().equals(SubmissionParts.Build.BUILT), b.verdict() + " by " + b.builtBy() + ", "
                + warnings(b));
    }

    /** {@code 3 warning(s): part2/lkp25p3.c 3} or {@code no warnings}. */
    public static String warnings(SubmissionParts.Build b) {
        if (b.warnings() == 0 && b.warningsByFile().isEmpty()) {
            return "no warnings";
        }
        List<String> files = new ArrayList<>();
        b.warningsByFile().forEach((f, n) -> files.add(f + " " + n));
        return b.warnings() + " warning(s)" + (files.isEmpty() ? "" : ": " + String.join(", ", files));
    }
}
