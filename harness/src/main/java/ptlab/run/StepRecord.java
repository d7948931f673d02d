package ptlab.run;

/**
 * How one step went, for the manifest and error messages.
 *
 * @param status  ok, failed or skipped
 * @param command the guest or host command it ran (null when several)
 * @param exitStatus the command's exit status, or null
 */
public record StepRecord(String name, String status, double seconds, String command, Integer exitStatus,
        String message) {
}
