package ptlab.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ptlab.cli.Main;
import ptlab.image.Image;
import ptlab.image.ImageCache;
import ptlab.testing.Guests;
import ptlab.host.HostCommand;
import ptlab.progress.Progress;
import ptlab.files.Trees;

/**
 * The vagrant backend for real: in a network namespace this test makes (bin/vagrant-netns: libvirtd,
 * dnsmasq, QEMU and every address of 192.168.121.0/24 live only there, with a private copy of libvirt's
 * state), the bookworm box is added, the repository's Vagrantfile brings it up and rsyncs kmod/, the
 * guest runs the image's kernel, quick-part2 passes through {@code --backend vagrant}, a SIGTERM'd harness
 * takes its machine with it, and afterwards nothing of it is left: domain, network, box volume, pool, box,
 * {@code .vagrant/}, and in the host's namespace no bridge, no tap and no change to libvirt's state.
 */
class VagrantIT {
    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final List<String> HOST_LIBVIRT = List.of("/etc/libvirt", "/var/lib/libvirt", "/var/log/libvirt",
            "/var/cache/libvirt", "/run/libvirt");
    private static Path state;
    private static Path vagrantHome;
    private static Path machines;
    private static String netnsScript;
    private static Map<String, String> hostBefore;
    private static String hostLinksBefore;
    private static String namespace;
    private static boolean repoDotVagrantBefore;

    @BeforeAll
    static void namespaceUp() throws Exception {
        hostBefore = hostLibvirtState();
        hostLinksBefore = hostLinks();
        repoDotVagrantBefore = Files.exists(REPO.resolve(".vagrant"));
        state = Files.createTempDirectory("ptlab-vagrant-it-");
        vagrantHome = Files.createTempDirectory("ptlab-vagrant-home-");
        machines = Files.createTempDirectory("ptlab-vagrant-machines-");
        netnsScript = REPO.resolve("bin/vagrant-netns").toString();
        HostCommand.of(netnsScript, "up", state.toString()).timeout(Duration.ofMinutes(2)).run();
        namespace = Files.readSymbolicLink(Path.of("/proc", Files.readString(state.resolve("holder.pid")).trim(), "ns",
                "net")).toString();
        System.setProperty(VagrantCli.WRAPPER_PROPERTY, netnsScript + " exec " + state);
        System.setProperty(VagrantCli.HOME_PROPERTY, vagrantHome.toString());
    }

    @Test
    void vagrantfileValidatesAndNamesTheHarnessCommandWhenTheBoxIsMissing() throws Exception {
        Image img = Guests.bookworm();
        Path cache = Files.createTempDirectory(machines, "cache-");
        Path pointer = cache.resolve("vagrant/bookworm.json");
        Files.createDirectories(pointer.getParent());
        Files.writeString(pointer, new ObjectMapper().writeValueAsString(Map.of("box_name", "ptlab-bookworm-x",
                "kernel", img.kernel().toString(), "initrd", img.initrd().toString(), "cmdline",
                img.manifest().cmdline(), "client_key", img.clientKey().toString())));
        HostCommand.Result ok = vagrant(Map.of("PTLAB_CACHE", cache.toString()), "validate");
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains("validated successfully"), ok.output());

        Files.delete(pointer);
        HostCommand.Result up = vagrant(Map.of("PTLAB_CACHE", cache.toString()), "up");
        assertNotEquals(0, up.exitCode(), up.output());
        assertTrue(up.output().contains("bin/harness image box bookworm"), up.output());
        HostCommand.Result other = vagrant(Map.of("PTLAB_CACHE", cache.toString(), "PTLAB_RECIPE", "sid"), "up");
        assertTrue(other.output().contains("bin/harness image box sid"), other.output());
    }

    @Test
    void boxUpUnameQuickPart2AndSigterm() throws Exception {
        Image img = Guests.bookworm();
        VagrantCli cli = VagrantCli.fromEnvironment();
        cli.require();
        VagrantBox.Packaged p = VagrantBox.ensure(img, ImageCache.defaultCache(), cli, Progress.stderr());
        assertTrue(p.box().added(cli), "box not in vagrant box list");
        assertEquals(p.box().sha256(), Image.open(img.dir()).manifest().boxSha256(), "box sha256 not in the manifest");

        // a student's `vagrant up` / `vagrant ssh` with the repository's Vagrantfile, in the namespace
        Map<String, String> env = Map.of("PTLAB_ACCEL", "tcg", "PTLAB_MEMORY_MIB", "1024", "PTLAB_PREFIX", "ptlab-it-",
                "VAGRANT_DOTFILE_PATH", machines.resolve("student/.vagrant").toString(),
                "PTLAB_CONSOLE", machines.resolve("student-console.log").toString());
        HostCommand.Result up = vagrant(env, "up");
        assertEquals(0, up.exitCode(), up.output());
        assertEquals(hostLinksBefore, hostLinks(), "vagrant up changed the host's network links");
        HostCommand.Result uname = vagrant(env, "ssh", "-c", "uname -r; test -f /root/ptlab/kmod/lkp25p3/Makefile"
                + " && test -f /root/ptlab/workloads/Makefile && echo synced");
        assertEquals(0, uname.exitCode(), uname.output());
        assertTrue(uname.output().lines().anyMatch(l -> l.strip().equals(img.manifest().kernelRelease())),
                "uname -r is not the image manifest's " + img.manifest().kernelRelease() + ": " + uname.output());
        assertTrue(uname.output().contains("synced"), "kmod/ and workloads/ not rsynced: " + uname.output());
        HostCommand.Result destroy = vagrant(env, "destroy", "-f");
        assertEquals(0, destroy.exitCode(), destroy.output());

        // the harness's vagrant backend: every step and oracle of quick-part2
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "--backend", "vagrant", "--accel", "tcg", "experiments/quick-part2.yaml");
        assertEquals(0, code, out + "\n" + err);
        assertEquals(0, ptlab.guest.Reaper.liveCount(), "a Vagrant machine or QEMU was left up");
        String first = out.toString().lines().filter(l -> l.startsWith("PASS")).findFirst().orElseThrow();
        Path run = Path.of(first.substring(first.indexOf('/')).trim());
        JsonNode m = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertEquals("PASS", m.get("outcome").asText());
        assertEquals("vagrant", m.get("guest_backend").asText());
        JsonNode facts = m.get("guest_backend_facts");
        assertTrue(facts.get("vagrant_version").asText().matches("\\d+\\.\\d+\\.\\d+"), facts.toString());
        assertTrue(facts.get("vagrant_libvirt_version").asText().matches("\\d+\\.\\d+\\.\\d+"), facts.toString());
        assertEquals(p.box().sha256(), facts.get("box_sha256").asText());
        assertTrue(m.get("boot_to_ssh_s").asDouble() > 0);
        for (JsonNode o : m.get("oracles")) {
            // not applicable (DAMON on a kernel without it) is no failure
            assertTrue(List.of("PASSED", "NOT_APPLICABLE").contains(o.get("status").asText()), o.toString());
        }
        assertTrue(m.get("oracles").size() >= 4, m.get("oracles").toString());
        for (JsonNode step : m.get("steps")) {
            assertEquals("ok", step.get("status").asText(), step.toString());
        }
        assertTrue(!Files.exists(run.resolve("work/vagrant/.vagrant")), "the run's .vagrant/ was left behind");
        assertEquals(List.of(), inside("virsh", "-q", "-c", "qemu:///system", "list", "--all", "--name"),
                "a domain outlived the run");

        sigtermTakesTheMachineWithIt();
    }

    /** A harness ended by SIGTERM (Ctrl-C, a CI timeout) while vagrant boots destroys the machine. */
    private void sigtermTakesTheMachineWithIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process harness = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-D" + VagrantCli.WRAPPER_PROPERTY + "=" + netnsScript + " exec " + state,
                "-D" + VagrantCli.HOME_PROPERTY + "=" + vagrantHome, "ptlab.cli.Main", "run", "--backend", "vagrant",
                "--accel", "tcg", "experiments/quick-part2.yaml"))
                .redirectErrorStream(true).redirectOutput(machines.resolve("sigterm.log").toFile()).start();
        try {
            boolean defined = false;
            for (int i = 0; i < 240 && !defined && harness.isAlive(); i++) {
                Thread.sleep(500);
                defined = !inside("virsh", "-q", "-c", "qemu:///system", "list", "--all", "--name").isEmpty();
            }
            assertTrue(defined, "the harness never defined a domain: " + Files.readString(machines.resolve("sigterm.log")));
            Thread.sleep(3000);
            harness.destroy();
            assertTrue(harness.waitFor(120, TimeUnit.SECONDS), "harness did not exit on SIGTERM");
            List<String> left = inside("virsh", "-q", "-c", "qemu:///system", "list", "--all", "--name");
            for (int i = 0; i < 20 && !left.isEmpty(); i++) {
                Thread.sleep(500);
                left = inside("virsh", "-q", "-c", "qemu:///system", "list", "--all", "--name");
            }
            assertEquals(List.of(), left, "a domain outlived a harness ended by SIGTERM; its log:\n"
                    + Files.readString(machines.resolve("sigterm.log")));
            System.out.println("harness ended by SIGTERM; its last lines:\n" + String.join("\n",
                    Files.readAllLines(machines.resolve("sigterm.log")).stream().skip(Math.max(0,
                            Files.readAllLines(machines.resolve("sigterm.log")).size() - 8)).toList()));
        } finally {
            harness.descendants().forEach(ProcessHandle::destroyForcibly);
            harness.destroyForcibly();
        }
    }

    /** Removes everything, checks each kind is gone, then that the host never saw any of it. */
    @AfterAll
    static void everythingGoes() throws Exception {
        List<String> problems = new ArrayList<>();
        try {
            for (String d : inside("virsh", "-q", "-c", "qemu:///system", "list", "--all", "--name")) {
                inside("virsh", "-q", "-c", "qemu:///system", "destroy", d);
                inside("virsh", "-q", "-c", "qemu:///system", "undefine", d, "--remove-all-storage");
            }
            for (String n : inside("virsh", "-q", "-c", "qemu:///system", "net-list", "--all", "--name")) {
                inside("virsh", "-q", "-c", "qemu:///system", "net-destroy", n);
                inside("virsh", "-q", "-c", "qemu:///system", "net-undefine", n);
            }
            for (String pool : inside("virsh", "-q", "-c", "qemu:///system", "pool-list", "--all", "--name")) {
                for (String line : inside("virsh", "-q", "-c", "qemu:///system", "vol-list", pool)) {
                    inside("virsh", "-q", "-c", "qemu:///system", "vol-delete", line.strip().split("\\s+")[0], pool);
                }
                inside("virsh", "-q", "-c", "qemu:///system", "pool-destroy", pool);
                inside("virsh", "-q", "-c", "qemu:///system", "pool-undefine", pool);
            }
            for (String[] what : List.of(new String[] {"list", "--all", "--name"}, new String[] {"net-list", "--all",
                "--name"}, new String[] {"pool-list", "--all", "--name"})) {
                List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", "qemu:///system"));
                argv.addAll(List.of(what));
                List<String> left = inside(argv.toArray(String[]::new));
                if (!left.isEmpty()) {
                    problems.add("virsh " + what[0] + " still lists " + left);
                }
            }
            HostCommand.Result boxes = HostCommand.of("vagrant", "box", "list").env(env(Map.of())).runAllowingFailure();
            for (String line : boxes.output().lines().toList()) {
                if (line.startsWith("ptlab-")) {
                    HostCommand.of("vagrant", "box", "remove", "--force", "--all", line.split("\\s+")[0])
                            .env(env(Map.of())).runAllowingFailure();
                }
            }
            HostCommand.Result after = HostCommand.of("vagrant", "box", "list").env(env(Map.of())).runAllowingFailure();
            if (after.output().contains("ptlab-")) {
                problems.add("vagrant box list still has " + after.output());
            }
        } finally {
            HostCommand.of(netnsScript, "down", state.toString()).timeout(Duration.ofMinutes(2)).runAllowingFailure();
            Trees.delete(vagrantHome);
            Trees.delete(machines);
            System.clearProperty(VagrantCli.WRAPPER_PROPERTY);
            System.clearProperty(VagrantCli.HOME_PROPERTY);
        }
        if (Files.exists(state)) {
            problems.add("the namespace's state folder " + state + " is still there");
        }
        if (!repoDotVagrantBefore && Files.exists(REPO.resolve(".vagrant"))) {
            problems.add("the test left " + REPO.resolve(".vagrant"));
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<String> inNs = procs.filter(pr -> pr.getFileName().toString().matches("\\d+")).filter(pr -> {
                try {
                    return Files.readSymbolicLink(pr.resolve("ns/net")).toString().equals(namespace);
                } catch (IOException e) {
                    return false;
                }
            }).map(pr -> pr.getFileName().toString()).toList();
            if (!inNs.isEmpty()) {
                problems.add("processes still in the test's namespace: " + inNs);
            }
        }
        String links = hostLinks();
        if (!links.equals(hostLinksBefore) || links.contains("virbr") || links.contains("vnet")) {
            problems.add("the host's links changed: before " + hostLinksBefore + ", after " + links);
        }
        if (!hostLibvirtState().equals(hostBefore)) {
            problems.add("the host's libvirt state changed: before " + hostBefore + ", after " + hostLibvirtState());
        }
        assertEquals(List.of(), problems);
    }

    private static HostCommand.Result vagrant(Map<String, String> more, String... args) {
        List<String> argv = new ArrayList<>(List.of(netnsScript, "exec", state.toString(), "vagrant"));
        argv.addAll(List.of(args));
        return HostCommand.of(argv).env(env(more)).workDir(REPO).timeout(Duration.ofMinutes(6)).runAllowingFailure();
    }

    private static Map<String, String> env(Map<String, String> more) {
        Map<String, String> e = new TreeMap<>(System.getenv());
        e.put("VAGRANT_HOME", vagrantHome.toString());
        e.put("VAGRANT_CHECKPOINT_DISABLE", "1");
        // never the repository's own .vagrant/ (a student's machine may live there)
        e.put("VAGRANT_DOTFILE_PATH", machines.resolve("dot/.vagrant").toString());
        e.putAll(more);
        return e;
    }

    /** Non-blank output lines of a command run in the namespace. */
    private static List<String> inside(String... args) {
        List<String> argv = new ArrayList<>(List.of(netnsScript, "exec", state.toString()));
        argv.addAll(List.of(args));
        List<String> lines = new ArrayList<>();
        HostCommand.of(argv).timeout(Duration.ofMinutes(1)).onLine(l -> {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }).runAllowingFailure();
        return lines;
    }

    private static String hostLinks() {
        List<String> names = new ArrayList<>();
        HostCommand.of("ip", "-o", "link", "show").onLine(l -> names.add(l.split(":\\s*")[1])).run();
        return String.join(" ", names.stream().sorted().toList());
    }

    /** Every file under the host's libvirt folders with size and modification time. */
    private static Map<String, String> hostLibvirtState() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String dir : HOST_LIBVIRT) {
            Path d = Path.of(dir);
            if (!Files.exists(d)) {
                files.put(dir, "absent");
                continue;
            }
            try (Stream<Path> s = Files.walk(d)) {
                for (Path f : s.toList()) {
                    files.put(f.toString(), Files.isDirectory(f) ? "dir" : Files.size(f) + "@"
                            + Files.getLastModifiedTime(f).toMillis());
                }
            }
        }
        return files;
    }
}
