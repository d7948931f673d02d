package ptlab.vagrant;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.guest.GuestInfo;
import ptlab.guest.GuestRequest;
import ptlab.guest.SshGuest;
import ptlab.image.ImageCache;
import ptlab.progress.Progress;
import ptlab.vm.VmLauncher;

/**
 * A guest that {@code vagrant up} started. Commands and copies go over the harness's SSH client, which
 * accepts only the image's pinned host key (Vagrant's ssh-config turns host key checking off); through
 * the wrapper's namespace a {@link NetnsRelay} carries the connection. The console file libvirt writes is
 * watched for kernel crashes; {@link #close()} destroys the machine.
 */
final class VagrantGuest extends SshGuest {
    private final VagrantMachine machine;
    private NetnsRelay relay;
    private GuestInfo info;

    private VagrantGuest(VagrantMachine machine, java.nio.file.Path consoleLog, GuestInfo info, Progress progress) {
        super(consoleLog, progress);
        this.machine = machine;
        this.info = info;
    }

    /** Packages and adds the box when needed, brings the machine up and logs in; on failure nothing is left. */
    static VagrantGuest start(GuestRequest r, VagrantCli cli, GuestInfo prepared, VagrantMachine machine) {
        Map<String, String> facts = new LinkedHashMap<>();
        VagrantBox.Packaged p = VagrantBox.ensure(r.image(), new ImageCache(r.image().dir().toAbsolutePath().getParent()),
                cli, r.progress());
        facts.put("box_name", p.box().name());
        facts.put("box_version", VagrantBox.VERSION);
        facts.put("box_sha256", p.box().sha256());
        r.progress().phase("vagrant up " + p.box().name() + " (" + prepared.accel() + ", " + prepared.cpus() + " vCPU, "
                + prepared.memoryMib() + " MiB, domain " + machine.domain() + ", log " + machine.log() + ")");
        long t0 = System.nanoTime();
        machine.up(r.bootTimeout());
        VagrantGuest guest = new VagrantGuest(machine, r.consoleLog(), prepared, r.progress());
        try {
            SshConfig c = machine.sshConfig();
            facts.put("guest_address", c.host() + ":" + c.port());
            String host = c.host();
            int port = c.port();
            if (!cli.wrapper().isEmpty()) {
                guest.relay = NetnsRelay.start(cli.wrapper(), c.host(), c.port());
                host = "127.0.0.1";
                port = guest.relay.port();
            }
            long left = Math.max(10_000, r.bootTimeout().toMillis() - (System.nanoTime() - t0) / 1_000_000);
            String where = c.host() + ":" + c.port();
            guest.login(new Login(host, port, c.user(), c.identityFile(), r.image().pinnedHostKey()),
                    Duration.ofMillis(left), () -> { }, last -> HarnessException.infra("vagrant up finished but the guest"
                            + " at " + where + " did not accept the pinned-key login (last error: " + last + ")"
                            + "\n--- console tail ---\n" + guest.consoleTail(30)));
            Duration ready = Duration.ofNanos(System.nanoTime() - t0);
            r.progress().phase("guest ready: vagrant up to SSH in " + ready.toMillis() / 1000.0 + " s (" + c.host() + ")");
            guest.info = prepared.ready(ready, facts);
            return guest;
        } catch (RuntimeException e) {
            guest.close();
            throw e;
        }
    }

    /** A Vagrant machine runs until it is destroyed; a crash stops it through {@link #stopMachine}. */
    @Override
    protected boolean machineRunning() {
        return !machine.destroyed();
    }

    /** A crashed machine is destroyed at once; its console file stays for the error and the run folder. */
    @Override
    protected void stopMachine() {
        machine.destroy();
    }

    @Override
    protected HarnessException machineGone(String when) {
        return HarnessException.infra("the Vagrant machine " + machine.domain() + " was destroyed " + when
                + "\n--- console tail ---\n" + consoleTail(30));
    }

    @Override
    public GuestInfo info() {
        return info;
    }

    @Override
    protected void closeMachine() {
        try {
            if (relay != null) {
                relay.close();
            }
        } finally {
            machine.destroy();
        }
    }
}
