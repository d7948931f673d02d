package ptlab.guest;

import java.nio.file.Path;
import java.time.Duration;
import ptlab.image.Image;
import ptlab.spec.Accel;
import ptlab.progress.Progress;

/**
 * What a run asks of a {@link GuestProvider}.
 *
 * @param image       the cached image to run
 * @param accel       the accelerator asked for (auto is resolved by the provider)
 * @param cpus        vCPUs
 * @param memoryMib   guest memory
 * @param bootTimeout how long the guest may take to run its first command
 * @param consoleLog  where the guest's serial console goes
 * @param workDir     scratch folder the provider may use (probe consoles, overlays)
 * @param progress    where the provider reports its phases
 */
public record GuestRequest(Image image, Accel accel, int cpus, int memoryMib, Duration bootTimeout, Path consoleLog,
        Path workDir, Progress progress) {
}
