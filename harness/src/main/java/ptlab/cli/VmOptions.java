package ptlab.cli;

import picocli.CommandLine.Option;
import ptlab.spec.Accel;
import ptlab.spec.Backend;
import ptlab.spec.Defaults;
import ptlab.spec.Start;
import ptlab.spec.VmSpec;

/**
 * Options shared by commands that boot a guest. The defaults are the spec's ({@link Defaults}), so
 * {@code vm smoke} boots the same guest as {@code run}.
 */
public final class VmOptions {
    @Option(names = "--accel", defaultValue = Defaults.VM_ACCEL_LABEL, converter = AccelConverter.class,
            description = "auto, kvm or tcg (default: ${DEFAULT-VALUE}).")
    Accel accel;

    @Option(names = "--cpus", defaultValue = "" + Defaults.VM_CPUS, description = "vCPUs (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--memory", defaultValue = "" + Defaults.VM_MEMORY_MIB,
            description = "Guest memory in MiB (default: ${DEFAULT-VALUE}).")
    int memoryMib;

    @Option(names = "--boot-timeout", defaultValue = "" + Defaults.VM_BOOT_TIMEOUT_S,
            description = "Seconds to wait for SSH (default: ${DEFAULT-VALUE}).")
    int bootTimeoutSeconds;

    @Option(names = "--cold-boot",
            description = "Boot the kernel instead of restoring the image's ready snapshot (made on first use).")
    boolean coldBoot;

    @Option(names = "--backend", converter = BackendConverter.class, defaultValue = "qemu",
            description = "What runs the guest: qemu or vagrant (default: ${DEFAULT-VALUE}).")
    Backend backend;

    @Option(names = "--dry-run", description = "Print how the guest would start (QEMU's command line) and exit.")
    boolean dryRun;

    /** The guest these options describe, as a spec's vm section would. */
    VmSpec vm() {
        return new VmSpec(cpus, memoryMib, accel, bootTimeoutSeconds, Defaults.VM_STEP_TIMEOUT_S,
                coldBoot ? Start.BOOT : Start.RESTORE, backend, 0);
    }
}
