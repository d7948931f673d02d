package ptlab.analysis;

import java.util.List;
import ptlab.Outcome;

/** The one rule that turns how the steps went and what the oracles say into a run's outcome. */
public final class Verdict {
    private Verdict() {
    }

    /** A run whose steps passed fails when any oracle fails; any other outcome stands. */
    public static Outcome decide(Outcome steps, List<OracleResult> oracles) {
        return steps == Outcome.PASS && oracles.stream().anyMatch(o -> !o.passed()) ? Outcome.FAIL : steps;
    }

    /** "oracle failed: name (detail), ..." for the failing oracles; empty when all passed. */
    public static String failedOracles(List<OracleResult> oracles) {
        List<String> failed = oracles.stream().filter(o -> !o.passed()).map(o -> o.name() + " (" + o.detail() + ")")
                .toList();
        return failed.isEmpty() ? "" : "oracle failed: " + String.join(", ", failed);
    }
}
