package ptlab.vm;

import static ptlab.host.Sleep.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.json.Json;

/**
 * A QEMU Machine Protocol client on a unix socket: just what saving and restoring a guest needs
 * (stop, migrate, query-migrate, cont, quit). Each command waits for its own reply; asynchronous
 * events in between are skipped.
 */
final class Qmp implements AutoCloseable {
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    private Qmp(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
    }

    /** Connects once QEMU has created the socket (it does so before the guest runs), then negotiates. */
    static Qmp connect(Path socket, Duration deadline, Process qemu) {
        long end = System.nanoTime() + deadline.toNanos();
        IOException last = null;
        while (System.nanoTime() < end) {
            if (!qemu.isAlive()) {
                throw HarnessException.infra("QEMU exited with status " + qemu.exitValue() + " before its QMP socket"
                        + " answered");
            }
            if (Files.exists(socket)) {
                try {
                    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    Qmp q = new Qmp(ch);
                    q.readLine(); // greeting
                    q.execute("qmp_capabilities", null);
                    return q;
                } catch (IOException e) {
                    last = e;
                }
            }
            sleep(20);
        }
        throw HarnessException.infra("QEMU's QMP socket " + socket + " did not answer within " + deadline.toMillis()
                + " ms" + (last == null ? "" : ": " + last.getMessage()));
    }

    /** Runs a command and returns its {@code return} value; a QMP error is an INFRA_ERROR naming it. */
    JsonNode execute(String command, Map<String, Object> arguments) {
        try {
            ObjectNode msg = Json.mapper().createObjectNode().put("execute", command);
            if (arguments != null) {
                msg.set("arguments", Json.mapper().valueToTree(arguments));
            }
            out.write((Json.line(msg) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                JsonNode reply = Json.tree(readLine());
                if (reply.has("return")) {
                    return reply.get("return");
                }
                if (reply.has("error")) {
                    throw HarnessException.infra("QMP " + command + " failed: " + reply.get("error").path("desc")
                            .asText(reply.toString()));
                }
                // an event (STOP, RESUME, MIGRATION...): not the reply
            }
        } catch (IOException e) {
            throw HarnessException.infra("QMP " + command + ": " + e.getMessage(), e);
        }
    }

    /** Polls query-migrate until the migration leaves the active states; returns the final status. */
    String awaitMigration(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            JsonNode r = execute("query-migrate", null);
            String status = r.path("status").asText("none");
            if (!status.equals("active") && !status.equals("setup") && !status.equals("none")
                    && !status.equals("device") && !status.equals("wait-unplug")) {
                // "failed" is returned, not thrown: QEMU may still be alive a moment after it, and the
                // caller must know the state itself was refused whether or not QEMU has exited yet
                return status.equals("failed") ? "failed (" + r.path("error-desc").asText("no reason given") + ")"
                        : status;
            }
            if (System.nanoTime() > end) {
                throw HarnessException.infra("migration still '" + status + "' after " + deadline.toSeconds() + " s");
            }
            sleep(20);
        }
    }

    private String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("QEMU closed the QMP socket");
        }
        return line;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the socket goes with QEMU anyway
        }
    }
}
