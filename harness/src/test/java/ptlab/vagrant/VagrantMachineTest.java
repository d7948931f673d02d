package ptlab.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.progress.Progress;
import ptlab.progress.ProgressEvent;

/** A machine's clean-up, with fake vagrant and virsh programs on PATH: nothing boots. */
class VagrantMachineTest {
    @TempDir
    Path dir;

    @Test
    void aFailedDestroyFallsBackToVirshAndSaysSoThroughTheRunsProgress() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls");
        program(bin, "vagrant", "echo \"vagrant $*\" >> " + calls + "\n"
                + "case \"$1\" in up) exit 0 ;; destroy) echo 'The provider failed to destroy' ; exit 1 ;; esac\n");
        program(bin, "virsh", "echo \"virsh $*\" >> " + calls + "\n");
        // a wrapper, as bin/vagrant-netns is one: a program is looked up on the JVM's PATH, not the child's
        String path = "PATH=" + bin + ":/usr/bin:/bin";
        VagrantCli cli = new VagrantCli(List.of("env", path), Map.of("PATH", "/usr/bin:/bin"));
        List<ProgressEvent> events = new ArrayList<>();
        Path machineDir = dir.resolve("cell/vagrant");
        VagrantMachine m = new VagrantMachine(cli, dir, machineDir, "ptlab-test-", new Progress(events::add, "cell-1"));

        m.up(Duration.ofMinutes(1));
        m.destroy();

        assertEquals(List.of(new ProgressEvent("cell-1", ProgressEvent.Kind.NOTE, "warning: vagrant destroy exited 1 (see "
                + machineDir.resolve("vagrant.log") + "); removing domain ptlab-test-default with virsh")), events);
        assertEquals(List.of("vagrant up --no-provision", "vagrant destroy -f",
                "virsh -q -c qemu:///system destroy ptlab-test-default",
                "virsh -q -c qemu:///system undefine ptlab-test-default --remove-all-storage"), Files.readAllLines(calls));
        assertFalse(Files.exists(machineDir.resolve(".vagrant")));
    }

    private static void program(Path bin, String name, String body) throws Exception {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
