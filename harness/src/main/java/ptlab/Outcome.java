package ptlab;

/**
 * How a harness invocation ended. The exit code of every command comes from here and nowhere else
 * (see {@code cli.ExitCodes}); the README lists the same table.
 */
public enum Outcome {
    /** Everything ran and every oracle held. */
    PASS(0),
    /** A workload or an oracle failed; the run folder says which. */
    FAIL(1),
    /** Bad command line, spec or recipe: nothing was booted. */
    USAGE_ERROR(2),
    /** The guest kernel crashed (panic, oops, BUG, lockup, RCU stall). */
    KERNEL_CRASH(3),
    /** Host side broke: image build, QEMU, SSH, timeouts, missing tools. */
    INFRA_ERROR(4),
    /** The user interrupted the harness (SIGINT/SIGTERM). */
    INTERRUPTED(130);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * The worse of two outcomes, the one rule for every command and campaign: the higher exit code wins, so
     * an interruption outranks an infrastructure error, which outranks a crash, a failure and a pass.
     */
    public static Outcome worst(Outcome a, Outcome b) {
        return b.exitCode > a.exitCode ? b : a;
    }
}
