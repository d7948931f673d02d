package ptlab.analysis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One cross-check of the run against something it did not compute: passed, failed, not applicable
 * (the kernel lacks what the check needs), or needs review (a person must judge what the check could
 * not read, such as a student's log in a form no reader knows), with the detail or the reason. Not
 * applicable and needs review are neither a pass nor a failure: they do not fail a run, and no report
 * counts them among the passes. {@code share}, where a check counts answers, is the share it found right (0 to
 * 1): what a rubric's partial credit reads; null where the check is all or nothing.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record OracleResult(String name, Status status, String detail, Double share) {
    /** The four outcomes of a check. */
    public enum Status {
        PASSED("PASS"), FAILED("FAIL"), NOT_APPLICABLE("n/a"), NEEDS_REVIEW("review");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** How tables and summaries show it: PASS, FAIL, n/a or review. */
        public String label() {
            return label;
        }
    }

    public OracleResult {
        detail = detail == null ? "" : detail;
    }

    public OracleResult(String name, Status status, String detail) {
        this(name, status, detail, null);
    }

    /** The same result, with the share of answers it found right. */
    public OracleResult withShare(double s) {
        return new OracleResult(name, status, detail, Double.isFinite(s) ? Math.max(0, Math.min(1, s)) : null);
    }

    /**
     * As manifest.json and oracles.json hold it: {@code status}, or before there was one (manifest
     * version 1) a {@code passed} flag.
     */
    @JsonCreator
    static OracleResult fromJson(@JsonProperty("name") String name, @JsonProperty("status") Status status,
            @JsonProperty("detail") String detail, @JsonProperty("passed") Boolean passed,
            @JsonProperty("share") Double share) {
        Status s = status != null ? status : Boolean.TRUE.equals(passed) ? Status.PASSED : Status.FAILED;
        return new OracleResult(name, s, detail, share);
    }

    public static OracleResult pass(String name, String detail) {
        return new OracleResult(name, Status.PASSED, detail);
    }

    public static OracleResult fail(String name, String detail) {
        return new OracleResult(name, Status.FAILED, detail);
    }

    public static OracleResult of(String name, boolean passed, String detail) {
        return passed ? pass(name, detail) : fail(name, detail);
    }

    /** A check this run cannot make, and why. */
    public static OracleResult notApplicable(String name, String reason) {
        return new OracleResult(name, Status.NOT_APPLICABLE, reason);
    }

    /** A check that read something it cannot judge, and what a person should look at. */
    public static OracleResult needsReview(String name, String what) {
        return new OracleResult(name, Status.NEEDS_REVIEW, what);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
