package ptlab.vagrant;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import ptlab.Accelerator;
import ptlab.GuestStart;
import ptlab.guest.Guest;
import ptlab.guest.GuestInfo;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestRequest;
import ptlab.image.Image;
import ptlab.spec.Backend;
import ptlab.spec.VmSpec;
import ptlab.files.RepoRoot;
import ptlab.vm.VmLauncher;

/**
 * The vagrant backend ({@code vm.backend: vagrant}): the image's box brought up by {@code vagrant up}
 * with the repository's Vagrantfile (libvirt provider, direct kernel boot, the serial console to the run's
 * console file), reached with the harness's own SSH client and the image's pinned host key, destroyed at
 * the end. Preparing checks vagrant and vagrant-libvirt (with the install command when missing) and
 * resolves the accelerator the way the QEMU backend does; it boots nothing.
 */
public final class VagrantProvider implements GuestProvider {
    /** The provider's name in plan.json and manifests. */
    public static final String NAME = "vagrant";

    private final VagrantCli cli;

    public VagrantProvider() {
        this(VagrantCli.fromEnvironment());
    }

    public VagrantProvider(VagrantCli cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Backend backend() {
        return Backend.VAGRANT;
    }

    /** Vagrant always boots: a box has no ready snapshot, so {@code vm.start} does not matter. */
    @Override
    public boolean serves(VmSpec vm) {
        return Backend.VAGRANT.equals(vm.backend());
    }

    @Override
    public String describeBoot(String image, VmSpec vm) {
        return "vagrant up " + image + " (libvirt provider, the repository's Vagrantfile) " + GuestProvider.machine(vm)
                + ", read its address from vagrant ssh-config and wait until SSH runs a command";
    }

    @Override
    public List<String> dryRun(Image image, VmSpec vm, Path consoleLog) {
        return List.of("vagrant up (repository Vagrantfile, box " + VagrantBox.name(image) + ", PTLAB_RECIPE="
                + image.manifest().name() + " PTLAB_CPUS=" + vm.cpus() + " PTLAB_MEMORY_MIB=" + vm.memoryMib()
                + " PTLAB_SYNC=0), through " + (cli.wrapper().isEmpty() ? "the host's libvirt"
                        : String.join(" ", cli.wrapper())));
    }

    @Override
    public Launch prepare(GuestRequest r) {
        VagrantCli.Versions v = cli.require();
        Accelerator accel = VmLauncher.resolveAccel(r.accel(), r.image(), r.workDir(), r.progress());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PTLAB_RECIPE", r.image().manifest().name());
        env.put("PTLAB_CACHE", r.image().dir().toAbsolutePath().getParent().getParent().toString());
        env.put("PTLAB_CPUS", Integer.toString(r.cpus()));
        env.put("PTLAB_MEMORY_MIB", Integer.toString(r.memoryMib()));
        env.put("PTLAB_ACCEL", accel.label());
        env.put("PTLAB_CONSOLE", r.consoleLog().toAbsolutePath().toString());
        // the harness uploads its staged sources itself, as with QEMU
        env.put("PTLAB_SYNC", "0");
        VagrantCli machineCli = cli.with(env);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("vagrant_version", v.vagrant());
        facts.put("vagrant_libvirt_version", v.libvirtPlugin());
        facts.put("vagrant_wrapper", String.join(" ", cli.wrapper()));
        String prefix = "ptlab-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-";
        GuestInfo info = new GuestInfo(NAME, GuestStart.BOOT, null, accel, r.cpus(), r.memoryMib(), r.image().manifest().cmdline(),
                machineCli.argv("up", "--no-provision"), null, facts);
        return Launch.of(info, () -> VagrantGuest.start(r, machineCli, info, new VagrantMachine(machineCli,
                RepoRoot.find(), r.workDir().resolve("vagrant"), prefix, r.progress())));
    }
}
