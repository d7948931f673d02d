package ptlab.cli;

import java.io.PrintWriter;
import ptlab.HarnessException;
import ptlab.Outcome;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The one place that maps exceptions to exit codes and prints them for people. */
public final class ExitCodes {
    private ExitCodes() {
    }

    public static Outcome outcomeOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HarnessException h) {
                return h.outcome();
            }
            if (c instanceof InterruptedException) {
                return Outcome.INTERRUPTED;
            }
            if (c instanceof CommandLine.ParameterException) {
                return Outcome.USAGE_ERROR;
            }
        }
        return Outcome.INFRA_ERROR;
    }

    public static int exitCodeOf(Throwable t) {
        return outcomeOf(t).exitCode();
    }

    /** Prints a one-line cause chain for known failures, the stack trace only for bugs. */
    static final class ExceptionHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            PrintWriter err = cl.getErr();
            Outcome outcome = outcomeOf(ex);
            if (ex instanceof HarnessException) {
                err.println(outcome + ": " + ex.getMessage());
                for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
                    err.println("  caused by: " + c);
                }
            } else {
                err.println(outcome + ": unexpected error (a bug in the harness): " + ex);
                ex.printStackTrace(err);
            }
            err.flush();
            return outcome.exitCode();
        }
    }
}
