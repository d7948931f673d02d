package ptlab.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import ptlab.files.Sha256;

/**
 * What a hostile build could change on the host, as a test sees it: the files an attacker wants, free
 * disk, the processes the build may have left, and listeners on the loopback port it tries to reach.
 */
final class HostWitness implements AutoCloseable {
    static final int PORT = 47613;
    private static final String SANDBOX_ROOTS = "/tmp/ptlab-sandbox-";
    private static final int NOBODY = 65534;

    /** The host files a build must not touch: sha256 of each ("absent" when it does not exist). */
    record Files4(String authorizedKeys, String passwd, String shadow, boolean pwned) {
    }

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    /** Listens on 127.0.0.1:PORT and, where the host has IPv6, [::1]:PORT, counting connections. */
    HostWitness() throws IOException {
        listen(InetAddress.getByName("127.0.0.1"));
        try {
            listen(InetAddress.getByName("::1"));
        } catch (IOException noIpv6) {
            // a host without IPv6 loopback: the IPv4 listener is the witness
        }
    }

    private void listen(InetAddress addr) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(addr, PORT));
        listeners.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "sandbox-it-listener-" + addr.getHostAddress());
        t.setDaemon(true);
        t.start();
    }

    int accepted() {
        return accepted.get();
    }

    int listeners() {
        return listeners.size();
    }

    static Files4 files() {
        return new Files4(sha(Path.of("/root/.ssh/authorized_keys")), sha(Path.of("/etc/passwd")),
                sha(Path.of("/etc/shadow")), Files.exists(Path.of("/etc/ptlab-pwned")));
    }

    static long freeDisk() {
        try {
            return Files.getFileStore(Path.of("/tmp")).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Host processes a build may have left: any of uid 65534, any whose root is a sandbox's, any running
     * the corpus's sleeps. Each as "pid: cmdline".
     */
    static List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip();
                    String root = Files.readSymbolicLink(p.resolve("root")).toString();
                    boolean nobody = Files.readAllLines(p.resolve("status")).stream()
                            .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals(Integer.toString(NOBODY)));
                    if (nobody || root.startsWith(SANDBOX_ROOTS) || cmd.contains("sleep 10000")) {
                        found.add(p.getFileName() + ": " + cmd + " (root " + root + ")");
                    }
                } catch (IOException gone) {
                    // the process ended while it was read
                }
            }
        }
        return found;
    }

    /** Sandbox folders left in /tmp: each build removes its own. */
    static List<String> sandboxFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            return s.map(Path::toString).filter(n -> n.startsWith(SANDBOX_ROOTS)).toList();
        }
    }

    private static String sha(Path f) {
        return Files.exists(f) ? Sha256.of(f) : "absent";
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket s : listeners) {
            s.close();
        }
    }
}
