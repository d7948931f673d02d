package ptlab.guest;

import static ptlab.host.Sleep.sleep;


import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import ptlab.HarnessException;
import ptlab.ssh.ExecResult;
import ptlab.ssh.SshSession;
import ptlab.progress.Progress;

/**
 * A guest reached over the harness's own SSH client (QEMU's hostfwd or a Vagrant machine), with its serial
 * console watched for kernel crashes. This class owns what every such guest does alike: the pinned-key
 * login, the crash wait and the close. A failed command or copy is first explained by the guest: a dropped
 * connection is usually a kernel that just crashed, and the user needs the crash from the console, not the
 * SSH error. A crash seen while logging in fails the login within about a second, whatever the backend.
 */
public abstract class SshGuest implements Guest {
    /** How long a crash's call trace is given to reach the console once the crash line is seen. */
    private static final long TRACE_GRACE_MS = 1500;

    private final ConsoleWatcher watcher;
    private final Progress progress;
    private SshSession ssh;
    private Login endpoint;

    /**
     * Starts watching {@code consoleLog}; a crash seen there stops the machine at once. {@code progress}
     * hears of a close that could not end cleanly.
     */
    protected SshGuest(Path consoleLog, Progress progress) {
        this.progress = progress;
        this.watcher = new ConsoleWatcher(consoleLog, crash -> stopMachine()).start();
    }

    /** Whether the machine still runs (QEMU's process; a Vagrant machine until it is destroyed). */
    protected abstract boolean machineRunning();

    /** Stops the machine now, after a crash; may be called more than once. */
    protected abstract void stopMachine();

    /** The error for a machine that stopped on its own, {@code when}. */
    protected abstract HarnessException machineGone(String when);

    /** Releases the machine and everything it holds; called once by {@link #close()}. */
    protected abstract void closeMachine();

    /** Where this guest reports what the user should know but that does not fail the run. */
    protected final Progress progress() {
        return progress;
    }

    /** The console watcher, for backends that read more of it (the silent-console watchdog). */
    public final ConsoleWatcher console() {
        return watcher;
    }

    /** The logged-in session. */
    protected final SshSession session() {
        if (ssh == null) {
            throw new IllegalStateException("the guest is not logged in");
        }
        return ssh;
    }

    /** Where and as whom to log in, and the one host key to accept. */
    public record Login(String host, int port, String user, Path clientKey, String pinnedHostKey) {
    }

    /**
     * Logs in with the pinned host key and runs {@code dmesg -n 4} (warnings and worse still reach the
     * console, info floods do not), retrying every second until {@code deadline}. Ready means that
     * command ran, not an open port: QEMU's hostfwd accepts TCP long before sshd runs. Before each attempt
     * a crashed or stopped machine fails the login, then {@code alsoCheck} runs (a silent-console
     * watchdog); a host key other than the pinned one is refused at once; {@code timedOut} turns the last
     * error into the exception to throw.
     */
    protected final void login(Login l, Duration deadline, Runnable alsoCheck,
            Function<String, HarnessException> timedOut) {
        long end = System.nanoTime() + deadline.toNanos();
        String last = "no attempt yet";
        while (System.nanoTime() < end) {
            checkAlive("while booting");
            alsoCheck.run();
            try {
                long left = Math.max(1000, (end - System.nanoTime()) / 1_000_000L);
                SshSession s = SshSession.connect(l.host(), l.port(), l.user(), l.clientKey(), l.pinnedHostKey(),
                        Duration.ofMillis(Math.min(10_000, left)));
                ExecResult r = s.exec("dmesg -n 4", Duration.ofSeconds(30));
                if (r.ok()) {
                    ssh = s;
                    endpoint = l;
                    return;
                }
                s.close();
                last = "'dmesg -n 4' exited " + r.exitStatus() + ": " + r.tail(3);
            } catch (IOException | HarnessException e) {
                last = e.toString();
                if (e.getMessage() != null && e.getMessage().contains("Could not verify `ssh-")) {
                    throw HarnessException.infra("the guest's SSH host key at " + l.host() + ":" + l.port()
                            + " does not match the pinned key: refused (" + e.getMessage() + ")", e);
                }
            }
            sleep(1000);
        }
        checkAlive("while booting");
        throw timedOut.apply(last);
    }

    /** Where the guest answered the login ({@code vm shell} opens its own OpenSSH session there). */
    public final Login endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("the guest is not logged in");
        }
        return endpoint;
    }

    /** Ends the SSH session (before a snapshot is saved: a restored guest must not carry a half-open one). */
    protected final void logout() {
        try {
            if (ssh != null) {
                ssh.close();
            }
        } catch (IOException e) {
            throw HarnessException.infra("closing SSH: " + e.getMessage(), e);
        } finally {
            ssh = null;
        }
    }

    /**
     * The one crash wait: throws KERNEL_CRASH, with the call trace given time to arrive, if the console
     * shows a crash; INFRA_ERROR if the machine is gone; nothing otherwise.
     */
    public final void checkAlive(String when) {
        var crash = watcher.drainAndCheck();
        if (crash.isPresent()) {
            if (machineRunning()) {
                sleep(TRACE_GRACE_MS);
            }
            crash = watcher.drainAndCheck();
            stopMachine();
            throw crash.get().error(when);
        }
        if (!machineRunning()) {
            throw machineGone(when);
        }
    }

    @Override
    public final ExecResult exec(String command, Duration timeout, Consumer<String> lines) {
        ExecResult r;
        try {
            r = session().exec(command, timeout, lines, null, () -> watcher.drainAndCheck().isPresent());
        } catch (HarnessException e) {
            // give the console two seconds to show the panic that dropped the connection
            for (int i = 0; i < 20 && machineRunning() && watcher.drainAndCheck().isEmpty(); i++) {
                sleep(100);
            }
            checkAlive("while running: " + command);
            throw e;
        }
        checkAlive("while running: " + command);
        return r;
    }

    @Override
    public final void upload(Path local, String remote) {
        try {
            session().upload(local, remote);
        } catch (HarnessException e) {
            checkAlive("while uploading " + local);
            throw e;
        }
    }

    @Override
    public final void download(String remote, Path local) {
        try {
            session().download(remote, local);
        } catch (HarnessException e) {
            checkAlive("while downloading " + remote);
            throw e;
        }
    }

    @Override
    public String consoleTail(int lines) {
        watcher.drainAndCheck();
        String t = watcher.tail(lines);
        return t.isBlank() ? "(the console printed nothing: the kernel did not start or the console file was not"
                + " written)" : t;
    }

    /** Logs out and releases the machine; nothing of the guest outlives this call. */
    @Override
    public final void close() {
        try {
            if (ssh != null) {
                ssh.close();
            }
        } catch (IOException e) {
            // the machine goes next either way; the session's results are already collected
            progress.warn("closing SSH: " + e.getMessage());
        } finally {
            ssh = null;
            try {
                closeMachine();
            } finally {
                watcher.close();
            }
        }
    }
}
