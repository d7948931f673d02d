package ptlab.vm;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import ptlab.Accelerator;
import ptlab.GuestStart;
import ptlab.guest.Guest;
import ptlab.guest.GuestInfo;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestRequest;
import ptlab.image.Image;
import ptlab.spec.Backend;
import ptlab.spec.Start;
import ptlab.spec.VmSpec;

/** What the QEMU backend's providers share: the backend, the command line a dry run shows, the launch. */
abstract class QemuProvider implements GuestProvider {
    /** The {@code vm.start} this provider serves. */
    abstract Start start();

    @Override
    public final Backend backend() {
        return Backend.QEMU;
    }

    @Override
    public final boolean serves(VmSpec vm) {
        return Backend.QEMU.equals(vm.backend()) && vm.start() == start();
    }

    /** A restore's command line is the cold boot's plus {@code -incoming}; the dry run shows the boot's. */
    @Override
    public final List<String> dryRun(Image image, VmSpec vm, Path consoleLog) {
        return VmLauncher.dryRun(image, vm.accel(), vm.cpus(), vm.memoryMib(), consoleLog);
    }

    /**
     * A QEMU guest's launch for {@code r}: the accelerator resolved, the config made, {@code start} telling
     * how the guest is meant to start and {@code starter} starting it.
     */
    static Launch launch(GuestRequest r, GuestStart start, Function<VmConfig, Guest> starter) {
        Accelerator accel = VmLauncher.resolveAccel(r.accel(), r.image(), r.workDir(), r.progress());
        VmConfig config = VmLauncher.config(r.image(), accel, r.cpus(), r.memoryMib(), r.consoleLog());
        GuestInfo info = QemuGuest.info(config, start, null, null);
        return Launch.of(info, () -> starter.apply(config));
    }
}
