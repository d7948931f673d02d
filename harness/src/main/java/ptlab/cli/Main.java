package ptlab.cli;

import picocli.CommandLine;

/** Entry point: {@code bin/harness ...}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new HarnessCommand());
        cl.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        cl.setExitCodeExceptionMapper(ExitCodes::exitCodeOf);
        return cl;
    }
}
