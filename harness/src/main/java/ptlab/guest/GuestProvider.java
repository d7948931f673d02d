package ptlab.guest;

/**
 * A way to get a running {@link Guest}. A launch is prepared first (accelerator resolved, command line
 * known) so the manifest records how the guest was to be started even when it never comes up.
 */
public interface GuestProvider {
    /** Stable name, recorded in plan.json and the manifest: {@code qemu}. */
    String name();

    /** Resolves everything needed to start the guest; starts nothing. */
    Launch prepare(GuestRequest request);

    /** A prepared guest start. */
    interface Launch {
        /** How the guest will run; {@link GuestInfo#bootToReady()} is null. */
        GuestInfo info();

        /** Starts the guest and waits until it runs a command; on failure nothing is left running. */
        Guest start();
    }
}
