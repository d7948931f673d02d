package ptlab.guest;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import ptlab.image.Image;
import ptlab.spec.Backend;
import ptlab.spec.VmSpec;

/**
 * A way to get a running {@link Guest}, registered in {@link GuestProviders} under its name. A new
 * backend is one class implementing this and one line in
 * {@code META-INF/services/ptlab.guest.GuestProvider}; the plan's boot step, the dry run, {@code vm smoke}
 * and {@code vm shell} all ask the provider. A launch is prepared first (accelerator resolved, command
 * line known) so the manifest records how the guest was to be started even when it never comes up.
 */
public interface GuestProvider {
    /** Stable name, recorded in plan.json and the manifest: {@code qemu-restore}. */
    String name();

    /** Other names plans of earlier versions gave this provider (plan.json version 2 said {@code qemu}). */
    default Set<String> formerNames() {
        return Set.of();
    }

    /** The spec's {@code vm.backend} this provider serves. */
    Backend backend();

    /** Whether this provider serves {@code vm} (its backend and how it asks the guest to start). */
    boolean serves(VmSpec vm);

    /** The boot step's text in the plan: what starting {@code image} on {@code vm} will do. */
    String describeBoot(String image, VmSpec vm);

    /** What {@code --dry-run} prints for a guest of {@code image} on {@code vm}: the command that would start it. */
    List<String> dryRun(Image image, VmSpec vm, Path consoleLog);

    /** Resolves everything needed to start the guest; starts nothing. */
    Launch prepare(GuestRequest request);

    /** A prepared guest start. */
    interface Launch {
        /** How the guest will run; {@link GuestInfo#bootToReady()} is null. */
        GuestInfo info();

        /** Starts the guest and waits until it runs a command; on failure nothing is left running. */
        Guest start();

        /** A launch that says {@code info} and starts with {@code starter}. */
        static Launch of(GuestInfo info, java.util.function.Supplier<Guest> starter) {
            return new Launch() {
                @Override
                public GuestInfo info() {
                    return info;
                }

                @Override
                public Guest start() {
                    return starter.get();
                }
            };
        }
    }

    /** {@code (2 vCPUs, 4096 MiB, accel auto)}: the machine part of a boot step's text. */
    static String machine(VmSpec vm) {
        return "(" + vm.cpus() + " vCPUs, " + vm.memoryMib() + " MiB, accel " + vm.accel() + ")";
    }
}
