package ptlab.analysis;

/** One cross-check of the run against something it did not compute. */
public record OracleResult(String name, boolean passed, String detail) {
    public static OracleResult pass(String name, String detail) {
        return new OracleResult(name, true, detail);
    }

    public static OracleResult fail(String name, String detail) {
        return new OracleResult(name, false, detail);
    }

    public static OracleResult of(String name, boolean passed, String detail) {
        return new OracleResult(name, passed, detail);
    }
}
