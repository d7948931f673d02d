package ptlab.run;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How one step went, for the manifest and error messages.
 *
 * @param status  ok, failed or skipped
 * @param command the guest or host command it ran (null when several)
 * @param exitStatus the command's exit status, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StepRecord(String name, String status, double seconds, String command, Integer exitStatus,
        String message) {
}
