package ptlab.run;

import ptlab.HarnessException;
import ptlab.guest.GuestProvider;
import ptlab.vagrant.VagrantProvider;
import ptlab.vm.QemuColdBoot;
import ptlab.vm.QemuRestore;

/** Guest providers by the name a plan's boot step gives. */
final class GuestProviders {
    private GuestProviders() {
    }

    static GuestProvider byName(String name) {
        if (QemuColdBoot.NAME.equals(name)) {
            return new QemuColdBoot();
        }
        if (QemuRestore.NAME.equals(name)) {
            return new QemuRestore();
        }
        if (VagrantProvider.NAME.equals(name)) {
            return new VagrantProvider();
        }
        throw HarnessException.usage("plan names an unknown guest provider '" + name + "'; known: "
                + QemuColdBoot.NAME + ", " + QemuRestore.NAME + ", " + VagrantProvider.NAME);
    }
}
