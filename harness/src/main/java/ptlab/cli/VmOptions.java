package ptlab.cli;

import picocli.CommandLine.Option;
import ptlab.spec.Accel;
import ptlab.spec.Defaults;

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

    @Option(names = "--dry-run", description = "Print the QEMU command line and exit.")
    boolean dryRun;
}
