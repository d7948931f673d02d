package ptlab.guest;

import java.time.Duration;
import java.util.List;
import ptlab.Accelerator;

/**
 * How a guest was started, for the manifest.
 *
 * @param backend     the provider that started it, e.g. {@code qemu}
 * @param accel       the accelerator it runs under
 * @param cpus        vCPUs
 * @param memoryMib   guest memory
 * @param cmdline     the guest kernel's command line
 * @param argv        the host command that runs the guest (QEMU's argv), empty when there is none
 * @param bootToReady from start to the first successful command; null until the guest is ready
 */
public record GuestInfo(String backend, Accelerator accel, int cpus, int memoryMib, String cmdline, List<String> argv,
        Duration bootToReady) {
    public GuestInfo {
        argv = List.copyOf(argv);
    }
}
