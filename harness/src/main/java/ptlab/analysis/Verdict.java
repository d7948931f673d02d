package ptlab.analysis;

import java.util.List;
import ptlab.Outcome;

/** The one rule that turns how the steps went and what the oracles say into a run's outcome. */
public final class Verdict {
    private Verdict() {
    }

    /**
     * A run whose steps passed fails when any oracle fails; any other outcome stands. An oracle that
     * does not apply, or that needs review, changes nothing.
     */
    public static Outcome decide(Outcome steps, List<OracleResult> oracles) {
        return steps == Outcome.PASS && oracles.stream().anyMatch(OracleResult::failed) ? Outcome.FAIL : steps;
    }

    /** "oracle failed: name (detail), ..." for the failing oracles; empty when none failed. */
    public static String failedOracles(List<OracleResult> oracles) {
        List<String> failed = oracles.stream().filter(OracleResult::failed).map(o -> o.name() + " (" + o.detail() + ")")
                .toList();
        return failed.isEmpty() ? "" : "oracle failed: " + String.join(", ", failed);
    }

    /** "5 of 7{noun} passed, 1 not applicable, 1 needs review": the oracles counted by status, for summaries. */
    public static String counts(List<OracleResult> oracles, String noun) {
        long passed = oracles.stream().filter(OracleResult::passed).count();
        long failed = oracles.stream().filter(OracleResult::failed).count();
        long review = oracles.stream().filter(o -> o.status() == OracleResult.Status.NEEDS_REVIEW).count();
        long na = oracles.size() - passed - failed - review;
        return passed + " of " + oracles.size() + noun + " passed" + (failed == 0 ? "" : ", " + failed + " failed")
                + (na == 0 ? "" : ", " + na + " not applicable") + (review == 0 ? "" : ", " + review + " need(s) review");
    }
}
