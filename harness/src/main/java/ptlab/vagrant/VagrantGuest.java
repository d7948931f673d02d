package ptlab.vagrant;

import static ptlab.util.Sleep.sleep;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.guest.GuestInfo;
import ptlab.guest.GuestRequest;
import ptlab.guest.SshGuest;
import ptlab.image.ImageCache;
import ptlab.ssh.SshSession;
import ptlab.util.Progress;
import ptlab.vm.ConsoleWatcher;
import ptlab.vm.VmLauncher;

/**
 * A guest that {@code vagrant up} started. Commands and copies go over the harness's SSH client, which
 * accepts only the image's pinned host key (Vagrant's ssh-config turns host key checking off); through
 * the wrapper's namespace a {@link NetnsRelay} carries the connection. The console file libvirt writes is
 * watched for kernel crashes; {@link #close()} destroys the machine.
 */
final class VagrantGuest extends SshGuest {
    private final VagrantMachine machine;
    private final NetnsRelay relay;
    private final SshSession ssh;
    private final ConsoleWatcher watcher;
    private final GuestInfo info;
    private final Progress progress;

    private VagrantGuest(VagrantMachine machine, NetnsRelay relay, SshSession ssh, ConsoleWatcher watcher,
            GuestInfo info, Progress progress) {
        this.machine = machine;
        this.relay = relay;
        this.ssh = ssh;
        this.watcher = watcher;
        this.info = info;
        this.progress = progress;
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
        NetnsRelay relay = null;
        ConsoleWatcher watcher = new ConsoleWatcher(r.consoleLog(), crash -> { }).start();
        try {
            SshConfig c = machine.sshConfig();
            facts.put("guest_address", c.host() + ":" + c.port());
            String host = c.host();
            int port = c.port();
            if (!cli.wrapper().isEmpty()) {
                relay = NetnsRelay.start(cli.wrapper(), c.host(), c.port());
                host = "127.0.0.1";
                port = relay.port();
            }
            long left = Math.max(10_000, r.bootTimeout().toMillis() - (System.nanoTime() - t0) / 1_000_000);
            String where = c.host() + ":" + c.port();
            SshSession ssh = login(new Login(host, port, c.user(), c.identityFile(), VmLauncher.pinnedKey(r.image())),
                    Duration.ofMillis(left), () -> { }, last -> HarnessException.infra("vagrant up finished but the guest at "
                            + where + " did not accept the pinned-key login (last error: " + last + ")"));
            Duration ready = Duration.ofNanos(System.nanoTime() - t0);
            r.progress().phase("guest ready: vagrant up to SSH in " + ready.toMillis() / 1000.0 + " s (" + c.host() + ")");
            return new VagrantGuest(machine, relay, ssh, watcher, prepared.ready(ready, facts), r.progress());
        } catch (RuntimeException e) {
            if (relay != null) {
                relay.close();
            }
            watcher.close();
            machine.destroy();
            throw e;
        }
    }

    @Override
    protected SshSession session() {
        return ssh;
    }

    @Override
    protected boolean mayStillReport() {
        return watcher.drainAndCheck().isEmpty();
    }

    @Override
    protected void check(String when) {
        var crash = watcher.drainAndCheck();
        if (crash.isPresent()) {
            sleep(1500);
            crash = watcher.drainAndCheck();
            throw crash.get().error(when);
        }
    }

    @Override
    public String consoleTail(int lines) {
        watcher.drainAndCheck();
        String t = watcher.tail(lines);
        return t.isBlank() ? "(the console printed nothing)" : t;
    }

    @Override
    public GuestInfo info() {
        return info;
    }

    @Override
    public void close() {
        try {
            ssh.close();
        } catch (IOException e) {
            progress.warn("closing SSH: " + e.getMessage());
        } finally {
            if (relay != null) {
                relay.close();
            }
            watcher.close();
            machine.destroy();
        }
    }
}
