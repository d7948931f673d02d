package ptlab.run;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How one step went, for the manifest and error messages.
 *
 * @param status  ok or failed
 * @param command the guest command it ran (null for host-side steps)
 * @param exitStatus the command's exit status, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StepRecord(String name, String status, double seconds, String command, Integer exitStatus,
        String message) {
    static StepRecord ok(String name, long t0, String command, String message) {
        return new StepRecord(name, "ok", secondsSince(t0), command, command == null ? null : 0, message);
    }

    static StepRecord failed(String name, long t0, String command, Integer exitStatus, String message) {
        return new StepRecord(name, "failed", secondsSince(t0), command, exitStatus, message);
    }

    /** Seconds since {@code t0} ({@link System#nanoTime()}), to the hundredth. */
    static double secondsSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
    }
}
