package ptlab.vm;

import java.util.Set;
import ptlab.GuestStart;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestRequest;
import ptlab.spec.Start;
import ptlab.spec.VmSpec;

/**
 * {@code vm.start: boot} on the QEMU backend: a fresh QEMU boot of the image (direct kernel boot over a
 * copy-on-write disk), for repetitions that are independent samples of the boot.
 */
public final class QemuColdBoot extends QemuProvider {
    /** The provider's name in plan.json and manifests. */
    public static final String NAME = "qemu-boot";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> formerNames() {
        return Set.of("qemu");
    }

    @Override
    Start start() {
        return Start.BOOT;
    }

    @Override
    public String describeBoot(String image, VmSpec vm) {
        return "boot " + image + " in QEMU " + GuestProvider.machine(vm) + " and wait until SSH runs a command";
    }

    @Override
    public Launch prepare(GuestRequest r) {
        return launch(r, GuestStart.BOOT, config -> VmLauncher.boot(r.image(), config, r.bootTimeout(), r.progress()));
    }
}
