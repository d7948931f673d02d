package ptlab.vagrant;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.guest.Guest;
import ptlab.guest.GuestInfo;
import ptlab.guest.GuestRequest;
import ptlab.image.ImageCache;
import ptlab.ssh.ExecResult;
import ptlab.ssh.SshSession;
import ptlab.vm.ConsoleWatcher;
import ptlab.vm.VmLauncher;

/**
 * A guest that {@code vagrant up} started. Commands and copies go over the harness's SSH client, which
 * accepts only the image's pinned host key (Vagrant's ssh-config turns host key checking off); through
 * the wrapper's namespace a {@link NetnsRelay} carries the connection. The console file libvirt writes is
 * watched for kernel crashes; {@link #close()} destroys the machine.
 */
final class VagrantGuest implements Guest {
    private final VagrantMachine machine;
    private final NetnsRelay relay;
    private final SshSession ssh;
    private final ConsoleWatcher watcher;
    private final GuestInfo info;

    private VagrantGuest(VagrantMachine machine, NetnsRelay relay, SshSession ssh, ConsoleWatcher watcher,
            GuestInfo info) {
        this.machine = machine;
        this.relay = relay;
        this.ssh = ssh;
        this.watcher = watcher;
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
            SshSession ssh = login(host, port, c, VmLauncher.pinnedKey(r.image()), Duration.ofMillis(left));
            Duration ready = Duration.ofNanos(System.nanoTime() - t0);
            r.progress().phase("guest ready: vagrant up to SSH in " + ready.toMillis() / 1000.0 + " s (" + c.host() + ")");
            return new VagrantGuest(machine, relay, ssh, watcher, prepared.ready(ready, facts));
        } catch (RuntimeException e) {
            if (relay != null) {
                relay.close();
            }
            watcher.close();
            machine.destroy();
            throw e;
        }
    }

    /** Logs in with the pinned key and runs {@code dmesg -n 4}, retrying until {@code deadline}. */
    private static SshSession login(String host, int port, SshConfig c, String pinnedKey, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        String last = "no attempt yet";
        while (System.nanoTime() < end) {
            try {
                SshSession s = SshSession.connect(host, port, c.user(), c.identityFile(), pinnedKey, Duration.ofSeconds(10));
                ExecResult r = s.exec("dmesg -n 4", Duration.ofSeconds(30));
                if (r.ok()) {
                    return s;
                }
                s.close();
                last = "'dmesg -n 4' exited " + r.exitStatus() + ": " + r.tail(3);
            } catch (IOException | HarnessException e) {
                last = e.toString();
                if (e.getMessage() != null && e.getMessage().contains("Could not verify `ssh-")) {
                    throw HarnessException.infra("the Vagrant guest's SSH host key at " + c.host() + " does not match"
                            + " the image's pinned key: refused (" + e.getMessage() + ")", e);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HarnessException(Outcome.INTERRUPTED, "interrupted while logging in to the Vagrant guest");
            }
        }
        throw HarnessException.infra("vagrant up finished but the guest at " + c.host() + ":" + c.port()
                + " did not accept the pinned-key login (last error: " + last + ")");
    }

    @Override
    public ExecResult exec(String command, Duration timeout, Consumer<String> lines) {
        ExecResult r;
        try {
            r = ssh.exec(command, timeout, lines, null);
        } catch (HarnessException e) {
            // a dropped connection is usually a panic: give the console a moment to show it
            for (int i = 0; i < 20 && watcher.drainAndCheck().isEmpty(); i++) {
                sleep(100);
            }
            checkCrash("while running: " + command);
            throw e;
        }
        checkCrash("while running: " + command);
        return r;
    }

    private void checkCrash(String when) {
        var crash = watcher.drainAndCheck();
        if (crash.isPresent()) {
            sleep(1500);
            crash = watcher.drainAndCheck();
            throw new HarnessException(Outcome.KERNEL_CRASH, "guest kernel crashed " + when + ": "
                    + crash.get().line() + "\n--- console excerpt ---\n" + crash.get().excerpt());
        }
    }

    @Override
    public void upload(Path local, String remote) {
        try {
            ssh.upload(local, remote);
        } catch (HarnessException e) {
            checkCrash("while uploading " + local);
            throw e;
        }
    }

    @Override
    public void download(String remote, Path local) {
        try {
            ssh.download(remote, local);
        } catch (HarnessException e) {
            checkCrash("while downloading " + remote);
            throw e;
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
            System.err.println("warning: closing SSH: " + e.getMessage());
        } finally {
            if (relay != null) {
                relay.close();
            }
            watcher.close();
            machine.destroy();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException(Outcome.INTERRUPTED, "interrupted");
        }
    }
}
