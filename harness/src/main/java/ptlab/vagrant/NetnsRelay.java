package ptlab.vagrant;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ptlab.HarnessException;

/**
 * A TCP port on 127.0.0.1 that reaches {@code host:port} inside the wrapper's network namespace: each
 * connection runs a small bash relay ({@code /dev/tcp}) through the wrapper and pumps bytes both ways.
 * The harness's SSH client connects here, so it never needs a route into the namespace (and the host
 * never gets one).
 */
final class NetnsRelay implements AutoCloseable {
    /** stdin to the target, the target to stdout; ends when either side closes. */
    private static final String RELAY = "exec 3<>\"/dev/tcp/$1/$2\" || exit 1; cat <&3 & cat >&3; kill $! 2>/dev/null";

    private final ServerSocket server;
    private final List<String> argv;
    private final Set<Process> relays = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private NetnsRelay(ServerSocket server, List<String> argv) {
        this.server = server;
        this.argv = argv;
    }

    static NetnsRelay start(List<String> wrapper, String host, int port) {
        List<String> argv = new ArrayList<>(wrapper);
        argv.addAll(List.of("bash", "-c", RELAY, "relay", host, Integer.toString(port)));
        try {
            NetnsRelay r = new NetnsRelay(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()), List.copyOf(argv));
            Thread t = new Thread(r::acceptLoop, "netns-relay-" + host);
            t.setDaemon(true);
            t.start();
            return r;
        } catch (IOException e) {
            throw HarnessException.infra("cannot listen on 127.0.0.1 for the relay to " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            try {
                // one relay per connection with its stdin and stdout pumped to the socket, which HostCommand
                // (run to completion, streams its own) cannot give
                Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                relays.add(p);
                sockets.add(s);
                pump(s.getInputStream(), p.getOutputStream(), s, p);
                pump(p.getInputStream(), s.getOutputStream(), s, p);
            } catch (IOException e) {
                closeQuietly(s);
            }
        }
    }

    private void pump(InputStream in, OutputStream out, Socket s, Process p) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[32768];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: end both below
            }
            closeQuietly(s);
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                // the relay is ending anyway
            }
            sockets.remove(s);
        }, "netns-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do with a socket that cannot close
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // no new connections either way
        }
        sockets.forEach(NetnsRelay::closeQuietly);
        for (Process p : relays) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
