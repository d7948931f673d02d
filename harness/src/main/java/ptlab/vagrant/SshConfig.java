package ptlab.vagrant;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import ptlab.HarnessException;

/**
 * Where {@code vagrant ssh-config} says the machine answers. Vagrant's own entry also says
 * {@code StrictHostKeyChecking no}; the harness ignores that and checks the image's pinned key.
 *
 * @param host         the guest's address (on libvirt's management network; it changes on every up)
 * @param port         its SSH port
 * @param user         the login
 * @param identityFile the private key
 */
public record SshConfig(String host, int port, String user, Path identityFile) {
    /** Parses the first host entry of {@code vagrant ssh-config} output; a missing field names itself. */
    public static SshConfig parse(String text) {
        Map<String, String> f = new HashMap<>();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            int sp = t.indexOf(' ');
            if (sp > 0) {
                f.putIfAbsent(t.substring(0, sp), t.substring(sp + 1).strip().replaceAll("^\"|\"$", ""));
            }
        }
        for (String k : new String[] {"HostName", "Port", "User", "IdentityFile"}) {
            if (!f.containsKey(k)) {
                throw HarnessException.infra("vagrant ssh-config gave no " + k + ":\n" + text.strip());
            }
        }
        try {
            return new SshConfig(f.get("HostName"), Integer.parseInt(f.get("Port")), f.get("User"),
                    Path.of(f.get("IdentityFile")));
        } catch (NumberFormatException e) {
            throw HarnessException.infra("vagrant ssh-config gave a port that is not a number: " + f.get("Port"), e);
        }
    }
}
