package ptlab.guest;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptlab.Accelerator;
import ptlab.GuestStart;

/**
 * How a guest was started, for the manifest.
 *
 * @param backend     the backend that runs it, e.g. {@code qemu}
 * @param start       how it started: restored, booted, or booted because the restore failed
 * @param snapshot    sha256 of the restored state file; null unless restored
 * @param accel       the accelerator it runs under
 * @param cpus        vCPUs
 * @param memoryMib   guest memory
 * @param cmdline     the guest kernel's command line
 * @param argv        the host command that runs the guest (QEMU's argv), empty when there is none
 * @param bootToReady from start to the first successful command; null until the guest is ready
 * @param facts       what else the backend's manifest entry needs (Vagrant: its version, the plugin's,
 *     the box and its sha256); empty for QEMU
 */
public record GuestInfo(String backend, GuestStart start, String snapshot, Accelerator accel, int cpus, int memoryMib, String cmdline, List<String> argv,
        Duration bootToReady, Map<String, String> facts) {
    public GuestInfo {
        argv = List.copyOf(argv);
        facts = Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    /** A guest with no backend facts (QEMU's). */
    public GuestInfo(String backend, GuestStart start, String snapshot, Accelerator accel, int cpus, int memoryMib,
            String cmdline, List<String> argv, Duration bootToReady) {
        this(backend, start, snapshot, accel, cpus, memoryMib, cmdline, argv, bootToReady, Map.of());
    }

    /** This guest ready after {@code ready}, with {@code more} facts. */
    public GuestInfo ready(Duration ready, Map<String, String> more) {
        Map<String, String> f = new TreeMap<>(facts);
        f.putAll(more);
        return new GuestInfo(backend, start, snapshot, accel, cpus, memoryMib, cmdline, argv, ready, f);
    }
}
