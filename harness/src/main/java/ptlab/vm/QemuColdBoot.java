package ptlab.vm;

import java.util.function.Function;
import ptlab.Accelerator;
import ptlab.GuestStart;
import ptlab.guest.Guest;
import ptlab.guest.GuestInfo;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestRequest;

/** Today's guest: a fresh QEMU boot of the image (direct kernel boot over a copy-on-write disk). */
public final class QemuColdBoot implements GuestProvider {
    /** The provider's name in plan.json and manifests. */
    public static final String NAME = "qemu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Launch prepare(GuestRequest r) {
        return launch(r, GuestStart.BOOT, config -> VmLauncher.boot(r.image(), config, r.bootTimeout(), r.progress()));
    }

    /**
     * A QEMU guest's launch for {@code r}, shared by the QEMU providers: the accelerator resolved, the
     * config made, {@code start} telling how the guest is meant to start and {@code starter} starting it.
     */
    static Launch launch(GuestRequest r, GuestStart start, Function<VmConfig, Guest> starter) {
        Accelerator accel = VmLauncher.resolveAccel(r.accel(), r.image(), r.workDir(), r.progress());
        VmConfig config = VmLauncher.config(r.image(), accel, r.cpus(), r.memoryMib(), r.consoleLog());
        GuestInfo info = VmSession.info(config, start, null, null);
        return new Launch() {
            @Override
            public GuestInfo info() {
                return info;
            }

            @Override
            public Guest start() {
                return starter.apply(config);
            }
        };
    }
}
