package ptlab.runfolder;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * How one step went, for the manifest and error messages.
 *
 * @param status  ok or failed
 * @param command the guest command it ran (null for host-side steps)
 * @param exitStatus the command's exit status, or null (manifests of 2026-11 and before spell it exitStatus)
 */
public record StepRecord(String name, String status, double seconds, String command,
        @JsonAlias("exitStatus") Integer exitStatus, String message) {
    public static final String FAILED = "failed";

    public static StepRecord ok(String name, long t0, String command, String message) {
        return new StepRecord(name, "ok", secondsSince(t0), command, command == null ? null : 0, message);
    }

    public static StepRecord failed(String name, long t0, String command, Integer exitStatus, String message) {
        return new StepRecord(name, FAILED, secondsSince(t0), command, exitStatus, message);
    }

    /** Seconds since {@code t0} ({@link System#nanoTime()}), to the hundredth. */
    public static double secondsSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
