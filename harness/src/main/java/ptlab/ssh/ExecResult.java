package ptlab.ssh;

import java.time.Duration;

/**
 * One finished remote command.
 *
 * @param exitStatus the command's exit status, or -1 when it died by a signal
 * @param exitSignal the signal name when killed by one, else null
 */
public record ExecResult(String command, int exitStatus, String exitSignal, String stdout, String stderr,
        Duration duration) {
    public boolean ok() {
        return exitStatus == 0;
    }

    /** The last {@code n} lines of stderr (or stdout when stderr is empty), for error messages. */
    public String tail(int n) {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - n);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
