package ptlab.vm;

import ptlab.Accelerator;
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
        Accelerator accel = VmLauncher.resolveAccel(r.accel(), r.image(), r.workDir(), r.progress());
        VmConfig config = VmLauncher.config(r.image(), accel, r.cpus(), r.memoryMib(), r.consoleLog());
        GuestInfo info = new GuestInfo(NAME, "boot", null, accel, r.cpus(), r.memoryMib(), config.cmdline(),
                QemuArgs.argv(config), null);
        return new Launch() {
            @Override
            public GuestInfo info() {
                return info;
            }

            @Override
            public Guest start() {
                return VmLauncher.boot(r.image(), config, r.bootTimeout(), r.progress());
            }
        };
    }
}
