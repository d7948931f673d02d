package ptlab;

/** A failure with a known outcome. The CLI maps it to an exit code and prints its message, no stack trace. */
public class HarnessException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Outcome outcome;

    public HarnessException(Outcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public HarnessException(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }

    public static HarnessException infra(String message) {
        return new HarnessException(Outcome.INFRA_ERROR, message);
    }

    public static HarnessException infra(String message, Throwable cause) {
        return new HarnessException(Outcome.INFRA_ERROR, message, cause);
    }

    public static HarnessException usage(String message) {
        return new HarnessException(Outcome.USAGE_ERROR, message);
    }
}
