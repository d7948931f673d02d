package ptlab.host;

import java.time.Duration;
import ptlab.HarnessException;
import ptlab.Outcome;

/**
 * Sleeping between polls. An interrupt (Ctrl-C's shutdown, a cancelled cell) keeps the thread's
 * interrupt flag, so whatever blocks next is interrupted too, and ends the wait at once.
 */
public final class Sleep {
    private Sleep() {
    }

    /** Sleeps {@code ms}; an interrupt becomes INTERRUPTED, so the run ends as interrupted rather than failed. */
    public static void sleep(long ms) {
        sleep(Duration.ofMillis(ms), "interrupted");
    }

    /** Sleeps {@code d}; an interrupt becomes INTERRUPTED with {@code whenInterrupted} as its message. */
    public static void sleep(Duration d, String whenInterrupted) {
        if (!slept(d.toMillis())) {
            throw new HarnessException(Outcome.INTERRUPTED, whenInterrupted);
        }
    }

    /** Sleeps {@code ms}: true when it slept the whole time, false when interrupted (the flag stays set). */
    public static boolean slept(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
