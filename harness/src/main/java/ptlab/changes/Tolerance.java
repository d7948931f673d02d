package ptlab.changes;

import ptlab.analysis.Fmt;

/**
 * How far a quantity's median may move before a change is called: the tolerance of a repeat on the same kind of
 * host from {@link ptlab.compare.Reproduction} (whose documentation says where each comes from), or none where
 * that check reports a quantity without judging it. A difference inside the tolerance is noise however narrow
 * its interval: a 10% shift of every latency with host load has an interval that excludes 1 over five
 * repetitions, and is not a change.
 *
 * @param rule  {@code factor} (the ratio either way), {@code difference} (absolute) or {@code not judged}
 * @param limit the factor or difference allowed; 0 when not judged
 * @param why   for a quantity not judged, the reason
 */
public record Tolerance(String rule, double limit, String why) {
    static Tolerance factor(double limit) {
        return new Tolerance("factor", limit, "");
    }

    static Tolerance difference(double limit) {
        return new Tolerance("difference", limit, "");
    }

    static Tolerance notJudged(String why) {
        return new Tolerance("not judged", 0, why);
    }

    /** Whether the medians {@code baseline} and {@code current} are further apart than the tolerance allows. */
    boolean beyond(double baseline, double current) {
        return switch (rule) {
            case "factor" -> {
                double r = Ratio.divide(current, baseline);
                yield r > limit || r < 1 / limit;
            }
            case "difference" -> Math.abs(current - baseline) > limit;
            default -> false;
        };
    }

    /** "within 2.0x", "within +/- 0.15", "not judged: why". */
    String text() {
        return switch (rule) {
            case "factor" -> "within " + limit + "x";
            case "difference" -> "within +/- " + Fmt.sig3(limit);
            default -> "not judged: " + why;
        };
    }
}
