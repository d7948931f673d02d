package ptlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ptlab.HarnessException;
import ptlab.Outcome;

class SleepTest {
    @AfterEach
    void clearTheFlag() {
        Thread.interrupted();
    }

    @Test
    void anInterruptEndsTheWaitAsInterruptedAndStaysSet() {
        Thread.currentThread().interrupt();
        long t0 = System.nanoTime();
        HarnessException e = assertThrows(HarnessException.class,
                () -> Sleep.sleep(Duration.ofSeconds(30), "interrupted while following the campaign"));
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "the interrupt ended the sleep");
        assertEquals(Outcome.INTERRUPTED, e.outcome());
        assertEquals("interrupted while following the campaign", e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted(), "whatever blocks next is interrupted too");
        assertEquals("interrupted", assertThrows(HarnessException.class, () -> Sleep.sleep(30_000)).getMessage());
    }

    @Test
    void sleptSaysWhetherTheWaitRanToItsEnd() {
        assertTrue(Sleep.slept(1));
        Thread.currentThread().interrupt();
        assertFalse(Sleep.slept(30_000));
        assertTrue(Thread.currentThread().isInterrupted());
    }
}
