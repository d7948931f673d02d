package ptlab.cli;

import picocli.CommandLine.Option;
import ptlab.vm.Accel;

/** Options shared by commands that boot a guest. */
public final class VmOptions {
    @Option(names = "--accel", defaultValue = "auto", description = "auto, kvm or tcg (default: ${DEFAULT-VALUE}).",
            converter = AccelConverter.class)
    Accel accel;

    @Option(names = "--cpus", defaultValue = "2", description = "vCPUs (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--memory", defaultValue = "2048", description = "Guest memory in MiB (default: ${DEFAULT-VALUE}).")
    int memoryMib;

    @Option(names = "--boot-timeout", defaultValue = "300", description = "Seconds to wait for SSH (default: ${DEFAULT-VALUE}).")
    int bootTimeoutSeconds;

    @Option(names = "--dry-run", description = "Print the QEMU command line and exit.")
    boolean dryRun;

    static final class AccelConverter implements picocli.CommandLine.ITypeConverter<Accel> {
        @Override
        public Accel convert(String value) {
            try {
                return Accel.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected auto, kvm or tcg, got '" + value + "'");
            }
        }
    }
}
