package ptlab.guest;

import static ptlab.util.Sleep.sleep;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import ptlab.HarnessException;
import ptlab.ssh.ExecResult;
import ptlab.ssh.SshSession;

/**
 * A guest reached over the harness's own SSH client (QEMU's hostfwd or a Vagrant machine). A failed
 * command or copy is first explained by the guest: a dropped connection is usually a kernel that just
 * crashed, and the user needs the crash from the console, not the SSH error.
 */
public abstract class SshGuest implements Guest {
    /** The logged-in session. */
    protected abstract SshSession session();

    /** Throws KERNEL_CRASH (or INFRA_ERROR when the guest is gone) if the guest crashed, naming {@code when}. */
    protected abstract void check(String when);

    /** True while a crash may still be on its way to the console: none seen yet, and the guest still runs. */
    protected abstract boolean mayStillReport();

    @Override
    public final ExecResult exec(String command, Duration timeout, Consumer<String> lines) {
        ExecResult r;
        try {
            r = session().exec(command, timeout, lines, null);
        } catch (HarnessException e) {
            // give the console two seconds to show the panic that dropped the connection
            for (int i = 0; i < 20 && mayStillReport(); i++) {
                sleep(100);
            }
            check("while running: " + command);
            throw e;
        }
        check("while running: " + command);
        return r;
    }

    @Override
    public final void upload(Path local, String remote) {
        try {
            session().upload(local, remote);
        } catch (HarnessException e) {
            check("while uploading " + local);
            throw e;
        }
    }

    @Override
    public final void download(String remote, Path local) {
        try {
            session().download(remote, local);
        } catch (HarnessException e) {
            check("while downloading " + remote);
            throw e;
        }
    }

    /** Where and as whom to log in, and the one host key to accept. */
    public record Login(String host, int port, String user, Path clientKey, String pinnedHostKey) {
    }

    /**
     * Logs in with the pinned host key and runs {@code dmesg -n 4} (warnings and worse still reach the
     * console, info floods do not), retrying every second until {@code deadline}. Ready means that
     * command ran, not an open port: QEMU's hostfwd accepts TCP long before sshd runs.
     * {@code beforeEachAttempt} fails fast (a crashed or silent guest); a host key other than the
     * pinned one is refused at once; {@code timedOut} turns the last error into the exception to throw.
     */
    public static SshSession login(Login l, Duration deadline, Runnable beforeEachAttempt,
            Function<String, HarnessException> timedOut) {
        long end = System.nanoTime() + deadline.toNanos();
        String last = "no attempt yet";
        while (System.nanoTime() < end) {
            beforeEachAttempt.run();
            try {
                long left = Math.max(1000, (end - System.nanoTime()) / 1_000_000L);
                SshSession s = SshSession.connect(l.host(), l.port(), l.user(), l.clientKey(), l.pinnedHostKey(),
                        Duration.ofMillis(Math.min(10_000, left)));
                ExecResult r = s.exec("dmesg -n 4", Duration.ofSeconds(30));
                if (r.ok()) {
                    return s;
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
        throw timedOut.apply(last);
    }
}
