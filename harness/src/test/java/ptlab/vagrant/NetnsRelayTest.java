package ptlab.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay carries bytes both ways, for several connections; 127.0.0.1 only, no wrapper. */
class NetnsRelayTest {
    @Test
    void carriesBytesBothWays() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        byte[] buf = new byte[4096];
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            for (int j = 0; j < n; j++) {
                                buf[j] = (byte) Character.toUpperCase(buf[j]);
                            }
                            out.write(buf, 0, n);
                        }
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            try (NetnsRelay relay = NetnsRelay.start(List.of(), "127.0.0.1", echo.getLocalPort())) {
                for (String word : List.of("hello relay", "second connection")) {
                    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
                        c.setSoTimeout(10_000);
                        c.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
                        byte[] back = new byte[word.length()];
                        new DataInputStream(c.getInputStream()).readFully(back);
                        assertEquals(word.toUpperCase(), new String(back, StandardCharsets.US_ASCII));
                    }
                }
            }
        }
    }
}
