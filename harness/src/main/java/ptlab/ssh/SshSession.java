package ptlab.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.xfer.FileSystemFile;
import ptlab.HarnessException;

/**
 * An SSH connection to a guest (SSHJ). The host key must equal the pinned key, byte for byte;
 * there is no "accept anything" mode. Every exec has a deadline and reports exit status, signal,
 * output and duration.
 */
public final class SshSession implements AutoCloseable {
    private final SSHClient client;
    private final String target;

    private SshSession(SSHClient client, String target) {
        this.client = client;
        this.target = target;
    }

    /** Connects as {@code user} with the private key file, accepting only {@code pinnedHostKey}. */
    public static SshSession connect(String host, int port, String user, Path privateKey, String pinnedHostKey,
            Duration timeout) throws IOException {
        DefaultConfig cfg = new DefaultConfig();
        cfg.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient c = new SSHClient(cfg);
        c.addHostKeyVerifier(new PinnedVerifier(pinnedHostKey));
        c.setConnectTimeout((int) timeout.toMillis());
        c.setTimeout((int) timeout.toMillis());
        try {
            c.connect(host, port);
            c.getConnection().getKeepAlive().setKeepAliveInterval(10);
            KeyProvider kp = c.loadKeys(privateKey.toString());
            c.authPublickey(user, kp);
        } catch (IOException | RuntimeException e) {
            try {
                c.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        return new SshSession(c, user + "@" + host + ":" + port);
    }

    public ExecResult exec(String command, Duration timeout) {
        return exec(command, timeout, null, null);
    }

    /**
     * Runs {@code command}; {@code stdoutLines}/{@code stderrLines}, when given, see each line as it
     * arrives (streaming). A command still running at the deadline is an INFRA_ERROR naming it.
     */
    public ExecResult exec(String command, Duration timeout, Consumer<String> stdoutLines,
            Consumer<String> stderrLines) {
        return exec(command, timeout, stdoutLines, stderrLines, null);
    }

    /**
     * As {@link #exec(String, Duration, Consumer, Consumer)}, asking {@code giveUp} (when not null) every
     * second whether waiting on is pointless (the guest's kernel crashed under the command): then an
     * INFRA_ERROR at once rather than at the deadline, for the caller to explain.
     */
    public ExecResult exec(String command, Duration timeout, Consumer<String> stdoutLines,
            Consumer<String> stderrLines, java.util.function.BooleanSupplier giveUp) {
        long t0 = System.nanoTime();
        long end = t0 + timeout.toNanos();
        try (Session s = client.startSession()) {
            Session.Command cmd = s.exec(command);
            Pump out = new Pump(cmd.getInputStream(), stdoutLines, "ssh-stdout");
            Pump err = new Pump(cmd.getErrorStream(), stderrLines, "ssh-stderr");
            out.start();
            err.start();
            while (cmd.getExitStatus() == null && cmd.getExitSignal() == null && cmd.isOpen()) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    throw HarnessException.infra("remote command did not finish within " + timeout.toSeconds()
                            + " s on " + target + ": " + command + "\n--- last output ---\n"
                            + tailOf(out.text() + err.text()));
                }
                try {
                    cmd.join(giveUp == null ? left : Math.min(left, 1000), TimeUnit.MILLISECONDS);
                } catch (ConnectionException e) {
                    if (cmd.getExitStatus() == null && cmd.getExitSignal() == null && !client.isConnected()) {
                        throw HarnessException.infra("connection to " + target + " lost while running: " + command, e);
                    }
                }
                if (giveUp != null && cmd.getExitStatus() == null && cmd.getExitSignal() == null && giveUp.getAsBoolean()) {
                    throw HarnessException.infra("stopped waiting for: " + command + "\n--- last output ---\n"
                            + tailOf(out.text() + err.text()));
                }
            }
            out.join(5000);
            err.join(5000);
            Integer status = cmd.getExitStatus();
            String signal = cmd.getExitSignal() == null ? null : cmd.getExitSignal().name();
            return new ExecResult(command, status == null ? -1 : status, signal, out.text(), err.text(),
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw HarnessException.infra("ssh exec failed on " + target + ": " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException(ptlab.Outcome.INTERRUPTED, "interrupted while running " + command, e);
        }
    }

    /** Like {@link #exec(String, Duration)} but a non-zero exit is an error naming the command and its output. */
    public ExecResult check(String command, Duration timeout) {
        ExecResult r = exec(command, timeout);
        if (!r.ok()) {
            throw new HarnessException(ptlab.Outcome.FAIL, "guest command failed with exit status " + r.exitStatus()
                    + (r.exitSignal() != null ? " (signal " + r.exitSignal() + ")" : "") + ": " + command
                    + "\n--- last output ---\n" + r.tail(20));
        }
        return r;
    }

    /** Copies a file or a folder (recursively) to the guest, creating the remote parent folders. */
    public void upload(Path local, String remote) {
        try (SFTPClient sftp = client.newSFTPClient()) {
            int slash = remote.lastIndexOf('/');
            if (slash > 0) {
                sftp.mkdirs(remote.substring(0, slash));
            }
            sftp.put(new FileSystemFile(local.toFile()), remote);
        } catch (IOException e) {
            throw HarnessException.infra("upload " + local + " -> " + target + ":" + remote + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Copies a file or a folder (recursively) from the guest. */
    public void download(String remote, Path local) {
        try (SFTPClient sftp = client.newSFTPClient()) {
            sftp.get(remote, new FileSystemFile(local.toFile()));
        } catch (IOException e) {
            throw HarnessException.infra("download " + target + ":" + remote + " -> " + local + " failed: "
                    + e.getMessage(), e);
        }
    }

    public boolean isConnected() {
        return client.isConnected() && client.isAuthenticated();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static String tailOf(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 20), lines.length));
    }

    /** Accepts exactly one key. */
    static final class PinnedVerifier implements HostKeyVerifier {
        private final byte[] pinned;
        private final String algorithm;

        PinnedVerifier(String pinnedLine) {
            this.pinned = HostKeys.blob(pinnedLine);
            this.algorithm = pinnedLine.trim().split("\\s+")[0];
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            return Arrays.equals(pinned, HostKeys.blob(key));
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            return List.of(algorithm);
        }
    }

    /** Drains one stream on its own thread so a full stderr never blocks stdout. */
    private static final class Pump extends Thread {
        private final InputStream in;
        private final Consumer<String> lines;
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Pump(InputStream in, Consumer<String> lines, String name) {
            super(name);
            setDaemon(true);
            this.in = in;
            this.lines = lines;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (this) {
                        all.write(buf, 0, n);
                    }
                    if (lines != null) {
                        split(buf, n);
                    }
                }
            } catch (IOException e) {
                // the channel closed under us (timeout or disconnect): what was read is kept
            } finally {
                if (lines != null && line.size() > 0) {
                    lines.accept(line.toString(StandardCharsets.UTF_8));
                }
            }
        }

        private void split(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    lines.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(buf[i]);
                }
            }
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }

    }
}
