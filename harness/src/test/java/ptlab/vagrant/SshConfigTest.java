package ptlab.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ptlab.HarnessException;

class SshConfigTest {
    /** What vagrant 2.3.4 with vagrant-libvirt 0.11.2 printed for the bookworm box. */
    private static final String REAL = """
            Host default
              HostName 192.168.121.41
              User root
              Port 22
              UserKnownHostsFile /dev/null
              StrictHostKeyChecking no
              PasswordAuthentication no
              IdentityFile /root/.cache/ptlab/images/bookworm-7bddd0b1e1c031bf/id_ed25519
              IdentitiesOnly yes
              LogLevel FATAL
            """;

    @Test
    void readsAddressPortUserAndKey() {
        SshConfig c = SshConfig.parse(REAL);
        assertEquals(new SshConfig("192.168.121.41", 22, "root",
                Path.of("/root/.cache/ptlab/images/bookworm-7bddd0b1e1c031bf/id_ed25519")), c);
    }

    @Test
    void quotedKeyPathAndCrLf() {
        SshConfig c = SshConfig.parse(REAL.replace("IdentityFile /root", "IdentityFile \"/root").replace("id_ed25519\n",
                "id_ed25519\"\n").replace("\n", "\r\n"));
        assertEquals(Path.of("/root/.cache/ptlab/images/bookworm-7bddd0b1e1c031bf/id_ed25519"), c.identityFile());
        assertEquals("192.168.121.41", c.host());
    }

    @Test
    void aMissingFieldIsNamed() {
        HarnessException e = assertThrows(HarnessException.class, () -> SshConfig.parse(REAL.replace("  Port 22\n", "")));
        assertTrue(e.getMessage().contains("no Port"), e.getMessage());
        e = assertThrows(HarnessException.class, () -> SshConfig.parse(REAL.replace("Port 22", "Port twentytwo")));
        assertTrue(e.getMessage().contains("twentytwo"), e.getMessage());
    }
}
