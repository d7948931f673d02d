package ptlab.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ptlab.Accelerator;
import ptlab.image.Image;
import ptlab.spec.Accel;
import ptlab.progress.ConsoleProgress;
import ptlab.testing.Guests;
import ptlab.progress.Progress;

/** --accel auto decides within about 30 s, says what it chose and why, and remembers it. */
class AccelProbeIT {
    @Test
    void autoDecidesQuicklyAndSaysSo() throws Exception {
        Image img = Guests.bookworm();
        Path work = Guests.workDir("probe");
        AccelProbe.forget();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        Progress progress = new Progress(new ConsoleProgress(new PrintStream(said, true, StandardCharsets.UTF_8), false),
                null);
        long t0 = System.nanoTime();
        Accelerator a = VmLauncher.resolveAccel(Accel.AUTO, img, work, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = said.toString(StandardCharsets.UTF_8);
        assertTrue(seconds < 30, "auto took " + seconds + " s");
        assertTrue(a == Accelerator.KVM || a == Accelerator.TCG);
        assertTrue(text.contains("accelerator: " + a.name()), text);
        if (a == Accelerator.TCG) {
            assertTrue(text.contains("emulated"), "a TCG choice warns that latencies are emulated: " + text);
        }
        assertEquals(0, ptlab.guest.Reaper.liveCount(), "the probe's QEMU is gone");
        assertTrue(Files.readString(AccelProbe.PROBE_MEMO).contains(a.name()), "the answer is remembered");
        assertEquals(a, VmLauncher.resolveAccel(Accel.AUTO, img, work, progress));
        assertEquals(Accelerator.TCG, VmLauncher.resolveAccel(Accel.TCG, img, work, progress), "an explicit choice wins");
    }
}
