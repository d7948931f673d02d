package ptlab.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;

/** What the backend says before anything boots, with fake vagrant programs on PATH. */
class VagrantCliTest {
    @TempDir
    Path dir;

    @Test
    void noVagrantNamesTheInstallCommand() {
        VagrantCli cli = new VagrantCli(List.of(), Map.of("PATH", dir.toString()));
        HarnessException e = assertThrows(HarnessException.class, cli::require);
        assertEquals(Outcome.INFRA_ERROR, e.outcome());
        assertTrue(e.getMessage().contains("needs vagrant") && e.getMessage().contains(
                "apt-get install -y --no-install-recommends vagrant vagrant-libvirt"), e.getMessage());
    }

    @Test
    void noLibvirtPluginNamesTheInstallCommand() throws Exception {
        fakeVagrant("No plugins installed.");
        HarnessException e = assertThrows(HarnessException.class, () -> cli().require());
        assertTrue(e.getMessage().contains("vagrant-libvirt plugin") && e.getMessage().contains("apt-get install"),
                e.getMessage());
    }

    @Test
    void versionsOfVagrantAndThePlugin() throws Exception {
        fakeVagrant("vagrant-libvirt (0.11.2, system)");
        assertEquals(new VagrantCli.Versions("2.3.4", "0.11.2"), cli().require());
    }

    @Test
    void aWrapperThatDoesNotRunSaysHowToStartTheNamespace() throws Exception {
        fakeVagrant("vagrant-libvirt (0.11.2, system)");
        VagrantCli cli = new VagrantCli(List.of("false"), Map.of("PATH", dir + ":/usr/bin:/bin"));
        HarnessException e = assertThrows(HarnessException.class, cli::require);
        assertTrue(e.getMessage().contains("bin/vagrant-netns up"), e.getMessage());
        assertEquals(List.of("false", "vagrant", "up", "--no-provision"), cli.argv("up", "--no-provision"));
    }

    private VagrantCli cli() {
        return new VagrantCli(List.of(), Map.of("PATH", dir + ":/usr/bin:/bin"));
    }

    private void fakeVagrant(String plugins) throws Exception {
        Path v = dir.resolve("vagrant");
        Files.writeString(v, "#!/bin/sh\ncase \"$1\" in --version) echo 'Vagrant 2.3.4' ;; plugin) echo '" + plugins
                + "' ;; esac\n");
        Files.setPosixFilePermissions(v, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
