package ptlab.cluster;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import ptlab.image.ImageCache;
import ptlab.host.HostCommand;
import ptlab.files.RepoRoot;
import ptlab.files.Trees;

/**
 * A Slurm cluster in containers: one controller ({@value #CONTROLLER}) and compute nodes, all with host
 * networking on 127.0.0.1, each with its own hostname and its own port (slurm.conf from
 * cluster/slurm-conf.sh), one munge key. Every container sees, at the same absolute paths, the
 * shared folder {@link #sharedDir()} (read-write: results, job scripts), the Slurm state folder
 * {@link #stateDir()} (logs, jobcomp.txt), the repository (read-only but for target/ and results/)
 * and the guest image cache (PTLAB_CACHE), with /dev/kvm and the loop devices when the host has
 * them, CAP_SYS_ADMIN for the harness's native builds and a tmpfs /tmp. Nothing
 * is privileged and nothing is pulled. {@link #close()} removes every container, stops the daemon
 * and deletes the folders, also after a failed start.
 */
public final class SlurmContainerCluster implements AutoCloseable {
    public static final String CONTROLLER = "ctl";
    private static final String LABEL = "ptlab.cluster";
    private static final Duration READY = Duration.ofSeconds(60);

    private final Path root;
    private final Path repo;
    private final List<String> computeNodes;
    private final int memoryMb;
    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private PrivateDocker docker;

    private SlurmContainerCluster(Path root, Path repo, List<String> computeNodes, int memoryMb) {
        this.root = root;
        this.repo = repo;
        this.computeNodes = List.copyOf(computeNodes);
        this.memoryMb = memoryMb;
    }

    /** Starts the daemon, builds the node image if needed, and starts the cluster until every node is idle. */
    public static SlurmContainerCluster start(List<String> computeNodes) throws IOException {
        return start(computeNodes, 2000);
    }

    /** The same with {@code memoryMb} of RealMemory per node (what sbatch --mem is checked against). */
    public static SlurmContainerCluster start(List<String> computeNodes, int memoryMb) throws IOException {
        Path root = Files.createTempDirectory("ptlab-cluster-").toRealPath();
        SlurmContainerCluster c = new SlurmContainerCluster(root, RepoRoot.find(), computeNodes, memoryMb);
        try {
            c.startAll();
            return c;
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        Files.createDirectories(repo.resolve("target"));
        Files.createDirectories(repo.resolve("results"));
        Files.createDirectories(sharedDir());
        Files.createDirectories(confDir());
        for (String n : computeNodes) {
            Files.createDirectories(stateDir().resolve("slurmd." + n));
        }
        writeMungeKey(confDir().resolve("munge.key"));
        List<Integer> ports = freePorts(1 + computeNodes.size());
        List<String> argv = new ArrayList<>(List.of(repo.resolve("cluster/slurm-conf.sh").toString(),
                "--state", stateDir().toString(), "--controller", CONTROLLER + ":" + ports.get(0)));
        for (int i = 0; i < computeNodes.size(); i++) {
            argv.addAll(List.of("--node", computeNodes.get(i) + ":" + ports.get(i + 1)));
        }
        // a killed node is DOWN after ~16 s and its tasks run again ~7 s later (see cluster/slurm-conf.sh)
        argv.addAll(List.of("--slurmd-timeout", "5", "--message-timeout", "5", "--requeue-delay", "5",
                "--memory", Integer.toString(memoryMb)));
        HostCommand.of(argv).log(confDir().resolve("slurm.conf")).timeout(Duration.ofSeconds(30)).run();

        docker = PrivateDocker.start(repo);
        String image = docker.nodeImage(root.resolve("images.log"));
        start(CONTROLLER, image, "controller");
        for (String n : computeNodes) {
            start(n, image, "compute", n);
        }
        await("every node idle: " + computeNodes, READY, () -> {
            ExecResult r = exec(CONTROLLER, "sinfo", "-h", "-N", "-o", "%N %T");
            return r.getExitCode() == 0 && r.getStdout().lines().filter(l -> l.endsWith(" idle")).count()
                    == computeNodes.size();
        });
    }

    private void start(String name, String image, String... command) throws IOException {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(img -> false)
                .withNetworkMode("host")
                .withLabel(LABEL, root.getFileName().toString())
                .withEnv("SLURM_CONF", confDir().resolve("slurm.conf").toString())
                .withEnv("MUNGE_KEY", confDir().resolve("munge.key").toString())
                // native builds put an overlay's upper folder in TMPDIR: it cannot be on the container's overlayfs
                .withTmpFs(Map.of("/tmp", "rw,exec,size=4g"))
                .withCommand(command)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(root.getFileName() + "-" + name).withHostName(name);
                    cmd.getHostConfig().withDevices(hostDevices())
                            // loop and overlay mounts of the harness's native builds; nothing privileged
                            .withCapAdd(Capability.SYS_ADMIN);
                })
                .waitingFor(Wait.forLogMessage(".*ptlab-node: .* started.*\\n", 1).withStartupTimeout(READY));
        for (Mount m : mounts()) {
            c.withFileSystemBind(m.path().toString(), m.path().toString(), m.mode());
        }
        // the guest images only (PTLAB_CACHE/images): the cache also holds this daemon's data root
        c.withEnv("PTLAB_CACHE", ImageCache.defaultCache().root().getParent().toString());
        containers.put(name, c);
        c.start();
    }

    private record Mount(Path path, BindMode mode) {
    }

    /**
     * What every node sees at the host's paths: this cluster's folder; the checkout read-only but for
     * target/ (bin/harness's jar and build lock) and results/; a worktree's git folder (read-only, so
     * run manifests record the commit); the guest image cache.
     */
    private List<Mount> mounts() throws IOException {
        List<Mount> m = new ArrayList<>(List.of(new Mount(root, BindMode.READ_WRITE),
                new Mount(repo, BindMode.READ_ONLY), new Mount(repo.resolve("target"), BindMode.READ_WRITE),
                new Mount(repo.resolve("results"), BindMode.READ_WRITE)));
        HostCommand.Result git = HostCommand.of("git", "-C", repo.toString(), "rev-parse", "--path-format=absolute",
                "--git-common-dir").timeout(Duration.ofSeconds(30)).runAllowingFailure();
        if (git.exitCode() == 0 && !Path.of(git.output().trim()).startsWith(repo)) {
            m.add(new Mount(Path.of(git.output().trim()), BindMode.READ_ONLY));
        }
        Path images = ImageCache.defaultCache().root();
        if (Files.isDirectory(images)) {
            m.add(new Mount(images, BindMode.READ_WRITE));
        }
        return m;
    }

    /** /dev/kvm and the loop devices, when the host has them. */
    static List<Device> hostDevices() {
        List<Device> devices = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("kvm", "loop-control"));
        for (int i = 0; i < 8; i++) {
            names.add("loop" + i);
        }
        for (String n : names) {
            if (Files.exists(Path.of("/dev", n))) {
                devices.add(new Device("rwm", "/dev/" + n, "/dev/" + n));
            }
        }
        return devices;
    }

    /** The folder every node sees at this same path, read-write: job scripts, results. */
    public Path sharedDir() {
        return root.resolve("shared");
    }

    /** Slurm's state, spool and log files of every daemon, and jobcomp.txt (one line per finished task). */
    public Path stateDir() {
        return root.resolve("state");
    }

    private Path confDir() {
        return root.resolve("conf");
    }

    /** Where the cluster's dockerd keeps its socket, pidfile and exec-root (gone after {@link #close()}). */
    public Path daemonDir() {
        return docker.runDir();
    }

    /** The repository, at the same path in every container. */
    public Path repo() {
        return repo;
    }

    public List<String> computeNodes() {
        return computeNodes;
    }

    /** Runs a command in a node's container (SLURM_CONF is set there). */
    public ExecResult exec(String node, String... cmd) {
        try {
            return container(node).execInContainer(cmd);
        } catch (IOException e) {
            throw new UncheckedIOException("exec in " + node + ": " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: exec in " + node, e);
        }
    }

    /** Runs a command in a node's container from the checkout's folder (as bin/harness expects). */
    public ExecResult execInRepo(String node, String... cmd) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", "cd \"$0\" && exec \"$@\"", repo.toString()));
        argv.addAll(List.of(cmd));
        return exec(node, argv.toArray(String[]::new));
    }

    /** Like {@link #exec} but a non-zero exit fails, naming the command; returns stdout. */
    public String execOk(String node, String... cmd) {
        ExecResult r = exec(node, cmd);
        if (r.getExitCode() != 0) {
            throw new IllegalStateException(node + ": `" + String.join(" ", cmd) + "` exited " + r.getExitCode()
                    + "\n" + r.getStdout() + r.getStderr());
        }
        return r.getStdout();
    }

    /** sbatch --parsable ARGS... on the controller; returns the job id. */
    public String submitFromController(String... sbatchArgs) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(List.of(sbatchArgs));
        String out = execOk(CONTROLLER, cmd.toArray(String[]::new)).trim();
        String id = out.split(";")[0];
        if (!id.matches("\\d+")) {
            throw new IllegalStateException("sbatch printed no job id: " + out);
        }
        return id;
    }

    /** squeue lines (%i %T %N) of a job; empty once every task has left the queue. */
    public List<String> queue(String jobId) {
        return execOk(CONTROLLER, "squeue", "-h", "-j", jobId, "-o", "%i %T %N").lines().toList();
    }

    /** Waits until every task of the job has left the queue. */
    public void awaitJobGone(String jobId, Duration timeout) {
        await("job " + jobId + " to leave the queue", timeout, () -> queue(jobId).isEmpty());
    }

    /** Kills a node's container, as when a machine dies: its slurmd and every job step on it are gone at once. */
    public void stopNode(String name) {
        GenericContainer<?> c = container(name);
        c.getDockerClient().killContainerCmd(c.getContainerId()).exec();
    }

    /** jobcomp.txt: one line per finished task, restarts included (JobState=NODE_FAIL, then COMPLETED). */
    public List<String> jobCompletions() throws IOException {
        Path f = stateDir().resolve("jobcomp.txt");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    /** The last lines of slurmctld's log, for failure messages. */
    public String controllerLogTail() {
        try {
            List<String> l = Files.readAllLines(stateDir().resolve("slurmctld.log"));
            return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
        } catch (IOException e) {
            return "(no slurmctld.log: " + e.getMessage() + ")";
        }
    }

    /** Polls {@code condition} every 200 ms; fails naming {@code what} and the controller's log after the timeout. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "\n--- slurmctld.log ---\n" + controllerLogTail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    private GenericContainer<?> container(String name) {
        GenericContainer<?> c = containers.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no node " + name + " in " + containers.keySet());
        }
        return c;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (GenericContainer<?> c : containers.values()) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (docker != null) {
            try {
                docker.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        try {
            Trees.delete(root);
        } catch (IOException e) {
            first = first == null ? new UncheckedIOException("cannot delete " + root, e) : first;
        }
        if (first != null) {
            throw first;
        }
    }

    private static void writeMungeKey(Path key) throws IOException {
        byte[] bytes = new byte[1024];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
    }

    /** Ports free on 127.0.0.1 now; every daemon shares the host's network, so each needs its own. */
    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
