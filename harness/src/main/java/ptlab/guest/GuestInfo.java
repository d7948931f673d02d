package ptlab.guest;

import java.time.Duration;
import java.util.List;
import ptlab.Accelerator;

/**
 * How a guest was started, for the manifest.
 *
 * @param backend     the backend that runs it, e.g. {@code qemu}
 * @param start       how it started: {@code boot}, {@code restore}, or {@code boot (restore failed: ...)}
 * @param snapshot    sha256 of the restored state file; null unless restored
 * @param accel       the accelerator it runs under
 * @param cpus        vCPUs
 * @param memoryMib   guest memory
 * @param cmdline     the guest kernel's command line
 * @param argv        the host command that runs the guest (QEMU's argv), empty when there is none
 * @param bootToReady from start to the first successful command; null until the guest is ready
 */
public record GuestInfo(String backend, String start, String snapshot, Accelerator accel, int cpus, int memoryMib, String cmdline, List<String> argv,
        Duration bootToReady) {
    public GuestInfo {
        argv = List.copyOf(argv);
    }
}
