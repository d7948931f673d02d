package ptlab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import ptlab.files.RepoRoot;
import ptlab.files.Trees;
import ptlab.testing.Guests;

/**
 * The sandboxed build against the hostile corpus (submissions/hostile/, one Makefile each) in the
 * image's userspace (bookworm unless {@code -Dptlab.image} names another recipe); no guest boots. Around
 * every case the host is witnessed: /root/.ssh/authorized_keys, /etc/passwd and /etc/shadow unchanged,
 * no /etc/ptlab-pwned, no process left (uid 65534, a sandbox root, the corpus's sleeps), no sandbox
 * folder left, free disk kept, and no connection accepted on 127.0.0.1 or [::1] port 47613. Each case
 * also says what stopped it. Short limits keep the whole class under a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxIT {
    private static final Path HOSTILE = Path.of("harness/src/test/resources/submissions/hostile");
    private static final String SRC = "/root/ptlab/src";
    private static final long MIB = 1L << 20;
    private static final SandboxLimits SHORT = new SandboxLimits(Duration.ofSeconds(20), Duration.ofSeconds(10), 64,
            64 * MIB, 1024 * MIB, 512 * MIB, 64 * 1024);

    private Image image;
    private Path work;
    private HostWitness witness;
    private final List<String> measurements = new ArrayList<>();

    /** One build: what SandboxBuild returned, the whole (capped) log and the products. */
    private record Run(SandboxBuild.Result result, String log, Path out, Duration took) {
        boolean stoppedBy(String words) {
            return result.stopped().stream().anyMatch(s -> s.startsWith(words));
        }
    }

    @BeforeAll
    void setUp() throws IOException {
        assertNull(SandboxBuild.unavailable(), "this host cannot build in the sandbox");
        image = Guests.image(System.getProperty("ptlab.image", "bookworm"));
        work = Guests.workDir("sandbox");
        witness = new HostWitness();
    }

    @AfterAll
    void tearDown() throws IOException {
        if (witness != null) {
            witness.close();
        }
        measurements.forEach(m -> System.out.println("SandboxIT: " + m));
    }

    private Run hostile(String name, SandboxLimits limits) throws IOException {
        return build(name, Trees.copy(HOSTILE.resolve(name), work.resolve(name + "/src")), limits);
    }

    /**
     * Builds {@code staged} with make in the sandbox and checks that the host is as it was. Staged as
     * it is: a copy through Trees would follow the symlinks that a test puts there.
     */
    private Run build(String name, Path staged, SandboxLimits limits) throws IOException {
        HostWitness.Files4 files = HostWitness.files();
        long disk = HostWitness.freeDisk();
        int accepted = witness.accepted();
        Path out = work.resolve(name + "/out");
        Path log = work.resolve(name + "/build.log");
        long t0 = System.nanoTime();
        SandboxBuild.Result r = SandboxBuild.build(image, staged, SRC, SRC, "make", "ls", out, limits, log);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        measurements.add(String.format("%s: exit %d in %.2f s, stopped %s", name, r.exitCode(), took.toMillis() / 1e3,
                r.stopped()));
        assertEquals(files, HostWitness.files(), name + " changed a host file");
        assertEquals(List.of(), HostWitness.leftovers(), name + " left processes on the host");
        assertEquals(List.of(), HostWitness.sandboxFolders(), name + " left its sandbox folder");
        assertEquals(accepted, witness.accepted(), name + " reached a host listener");
        assertTrue(disk - HostWitness.freeDisk() < 1024 * MIB, name + " used host disk");
        assertTrue(took.compareTo(limits.wall().plusSeconds(30)) < 0, name + " outlived its time limit: " + took);
        return new Run(r, Files.readString(log, StandardCharsets.UTF_8), out, took);
    }

    @Test
    void writeSshLeavesAuthorizedKeysAlone() throws IOException {
        Run run = hostile("write-ssh", SHORT);
        assertEquals(0, run.result().exitCode(), run.log());
        assertTrue(run.log().contains("authorized_keys: Permission denied"), run.log());
    }

    @Test
    void writeEtcFindsItReadOnly() throws IOException {
        Run run = hostile("write-etc", SHORT);
        assertEquals(0, run.result().exitCode(), run.log());
        assertTrue(run.log().contains("/etc/ptlab-pwned: Read-only file system"), run.log());
    }

    /**
     * Symlinks in the sources themselves, to host paths: root copies the sources in, chowns them and
     * copies products out, and none of that may follow a link to the host's files.
     */
    @Test
    void symlinksInTheSourcesReachNothingOfTheHost() throws IOException {
        Path staged = Trees.copy(HOSTILE.resolve("write-etc"), work.resolve("symlinks/src"));
        Files.createSymbolicLink(staged.resolve("host-passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(staged.resolve("host-root"), Path.of("/"));
        Run run = build("symlinks", staged, SHORT);
        assertEquals(0, run.result().exitCode(), run.log());
        assertEquals(0, Files.getAttribute(Path.of("/etc/passwd"), "unix:uid"), "the host's /etc/passwd was chowned");
        assertEquals(0, Files.getAttribute(Path.of("/"), "unix:uid"), "the host's / was chowned");
        assertFalse(Files.exists(run.out().resolve("host-passwd")), "a symlink came out as a product");
        assertTrue(run.log().contains("product host-passwd is not a regular file"), run.log());
    }

    @Test
    void readShadowGetsNothing() throws IOException {
        Run run = hostile("read-shadow", SHORT);
        assertTrue(run.log().contains("/etc/shadow: Permission denied"), run.log());
        Path copy = run.out().resolve("shadow.txt");
        assertTrue(!Files.exists(copy) || Files.size(copy) == 0, "a copy of a shadow file came out");
        for (String line : Files.readAllLines(Path.of("/etc/shadow"))) {
            assertFalse(!line.isBlank() && run.log().contains(line), "the host's shadow file is in the log");
        }
    }

    @Test
    void connectHostFindsNoNetwork() throws IOException {
        assertTrue(witness.listeners() >= 1);
        Run run = hostile("connect-host", SHORT);
        assertEquals(0, run.result().exitCode(), "the client connected: " + run.log());
        assertTrue(run.log().contains("connect-host: 127.0.0.1: denied"), run.log());
        assertFalse(run.log().contains("CONNECTED"), run.log());
    }

    @Test
    void forkBombMeetsTheProcessLimit() throws IOException {
        Run run = hostile("fork-bomb", SHORT.withWall(Duration.ofSeconds(10)));
        assertEquals(SandboxBuild.MAKE_FAILED, run.result().exitCode(), run.log());
        assertTrue(run.stoppedBy("process limit 64") || run.stoppedBy("time limit"), run.result().stopped().toString());
    }

    @Test
    void bigFileMeetsTheFileSizeLimit() throws IOException {
        Run run = hostile("big-file", SHORT);
        assertEquals(SandboxBuild.MAKE_FAILED, run.result().exitCode(), run.log());
        assertTrue(run.stoppedBy("file size limit 64 MiB"), run.result().stopped().toString());
        assertFalse(run.stoppedBy("time limit"), run.result().stopped().toString());
    }

    @Test
    void burnCpuMeetsTheCpuLimit() throws IOException {
        Run run = hostile("burn-cpu", new SandboxLimits(SHORT.wall(), Duration.ofSeconds(2), SHORT.processes(),
                SHORT.fileBytes(), SHORT.memoryBytes(), SHORT.scratchBytes(), SHORT.outputBytes()));
        assertEquals(SandboxBuild.MAKE_FAILED, run.result().exitCode(), run.log());
        assertTrue(run.stoppedBy("CPU time limit of 2 s"), run.result().stopped().toString());
        assertFalse(run.stoppedBy("time limit of"), run.result().stopped().toString());
    }

    @Test
    void eatMemoryMeetsTheAddressSpaceLimit() throws IOException {
        Run run = hostile("eat-memory", SHORT);
        assertEquals(SandboxBuild.MAKE_FAILED, run.result().exitCode(), run.log());
        assertTrue(run.stoppedBy("address space limit 1024 MiB"), run.result().stopped().toString());
        assertFalse(run.log().contains("eat-memory: got"), run.log());
    }

    @Test
    void sleepForeverMeetsTheTimeLimit() throws IOException {
        Run run = hostile("sleep-forever", SHORT.withWall(Duration.ofSeconds(5)));
        assertEquals(SandboxBuild.MAKE_FAILED, run.result().exitCode(), run.log());
        assertTrue(run.stoppedBy("time limit of 5 s: the build and every process it started were killed"),
                run.result().stopped().toString());
        assertTrue(run.took().toSeconds() < 15, "took " + run.took());
    }

    @Test
    void printForeverKeepsTheLogBounded() throws IOException {
        Run run = hostile("print-forever", SHORT.withWall(Duration.ofSeconds(5)));
        assertTrue(run.stoppedBy("time limit of 5 s"), run.result().stopped().toString());
        assertTrue(run.log().length() < 2 * SHORT.outputBytes() + 4096, "log of " + run.log().length() + " chars");
        assertTrue(run.log().matches("(?s).*\\[sandbox-build: \\d+ bytes of output dropped here, \\d+ in all].*"),
                run.result().output());
    }

    @Test
    void leaveBehindDiesWithTheBuild() throws IOException {
        Run run = hostile("leave-behind", SHORT);
        assertEquals(0, run.result().exitCode(), run.log());
        assertEquals(List.of(), run.result().stopped());
        assertTrue(run.log().contains("left three sleeps behind"), run.log());
    }

    @Test
    void escapeChrootIsDeniedEverything() throws IOException {
        Run run = hostile("escape-chroot", SHORT);
        assertEquals(0, run.result().exitCode(), "an attempt succeeded: " + run.log());
        List<String> attempts = run.log().lines().filter(l -> l.startsWith("escape-chroot: ")).toList();
        assertEquals(10, attempts.size(), run.log());
        for (String a : attempts) {
            assertTrue(a.contains(": denied ("), a);
        }
    }

    /**
     * The project's lkp25p3 under a student's Makefile (KDIR from uname -r, M=$(PWD)): the .ko comes out
     * and names the image's kernel release, not the host's.
     */
    @Test
    void studentModuleBuildsAgainstTheImagesKernel() throws IOException {
        Run run = build("student-kmod", studentKmod("student-kmod"), SandboxLimits.defaults());
        assertEquals(0, run.result().exitCode(), run.log());
        assertEquals(List.of(), run.result().stopped());
        Path ko = run.out().resolve("lkp25p3.ko");
        assertTrue(Files.isRegularFile(ko), "no lkp25p3.ko among " + run.out());
        assertTrue(vermagic(ko).startsWith(image.manifest().kernelRelease() + " "), vermagic(ko));
    }

    /** The same with KDIR := /usr/src/linux-headers-$(shell uname -r): the image's headers under the host's release. */
    @Test
    void kdirUnderUsrSrcFindsTheImagesHeaders() throws IOException {
        Path staged = studentKmod("usr-src-kmod");
        Path mk = staged.resolve("Makefile");
        Files.writeString(mk, Files.readString(mk).replace("KDIR := /lib/modules/$(shell uname -r)/build",
                "KDIR := /usr/src/linux-headers-$(shell uname -r)"));
        Run run = build("usr-src-kmod", staged, SandboxLimits.defaults());
        assertEquals(0, run.result().exitCode(), run.log());
        Path ko = run.out().resolve("lkp25p3.ko");
        assertTrue(Files.isRegularFile(ko), "no lkp25p3.ko among " + run.out());
        assertTrue(vermagic(ko).startsWith(image.manifest().kernelRelease() + " "), vermagic(ko));
    }

    /** student-kmod's Makefile with the project's lkp25p3 sources, staged as {@code name}. */
    private Path studentKmod(String name) throws IOException {
        Path root = RepoRoot.find();
        Path staged = work.resolve(name + "/src");
        Trees.copy(Path.of("harness/src/test/resources/submissions/student-kmod"), staged);
        try (Stream<Path> s = Files.list(root.resolve("kmod/lkp25p3"))) {
            for (Path f : s.filter(p -> p.toString().matches(".*\\.[ch]$")).toList()) {
                Files.copy(f, staged.resolve(f.getFileName()));
            }
        }
        Files.copy(root.resolve("kmod/common/ptwalk.h"), staged.resolve("ptwalk.h"));
        return staged;
    }

    /** The vermagic= string of a module's .modinfo section. */
    static String vermagic(Path ko) throws IOException {
        String bytes = new String(Files.readAllBytes(ko), StandardCharsets.ISO_8859_1);
        int at = bytes.indexOf("vermagic=");
        assertTrue(at >= 0, ko + " has no vermagic");
        return bytes.substring(at + "vermagic=".length(), bytes.indexOf('\0', at));
    }
}
