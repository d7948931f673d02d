package ptlab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import ptlab.host.HostCommand;
import ptlab.files.Trees;

/**
 * A Docker daemon of the test's own (cluster/dockerd.sh): no bridge, no iptables, its socket and
 * pidfile in the folder DOCKER_HOST names (target/dockerd, set by the failsafe plugin), stopped by
 * PID in {@link #close()} together with every container labelled {@code ptlab.cluster}. The socket
 * path is fixed for the JVM because Testcontainers reads DOCKER_HOST from the environment only.
 */
final class PrivateDocker implements AutoCloseable {
    private final Path repo;
    private final Path runDir;
    private final String host;

    private PrivateDocker(Path repo, Path runDir, String host) {
        this.repo = repo;
        this.runDir = runDir;
        this.host = host;
    }

    /** Starts the daemon and points Testcontainers at it; fails with the daemon's log tail when it does not come up. */
    static PrivateDocker start(Path repo) throws IOException {
        requireTestcontainersEnvironment();
        String want = System.getenv("DOCKER_HOST");
        Path runDir = Path.of(want.substring("unix://".length())).getParent();
        Files.createDirectories(runDir);
        HostCommand.Result r = script(repo, "start", runDir.toString()).timeout(Duration.ofMinutes(11)).run();
        List<String> lines = r.output().lines().toList();
        String host = lines.get(lines.size() - 1).trim();
        if (!host.equals(want)) {
            throw new IllegalStateException("cluster/dockerd.sh start printed " + host + ", not " + want + ": "
                    + r.output());
        }
        dropStaleConnections(host);
        return new PrivateDocker(repo, runDir, host);
    }

    Path runDir() {
        return runDir;
    }

    /**
     * Testcontainers keeps one Docker client per JVM, and its connection pool may still hold
     * connections to an earlier daemon on this socket path (each fails once, with a broken pipe, and is
     * dropped). Pinging until the first success uses them up: an idle pooled connection is always
     * leased before a new one is opened.
     */
    private static void dropStaleConnections(String host) {
        RuntimeException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                DockerClientFactory.instance().client().pingCmd().exec();
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("Testcontainers cannot reach the daemon at " + host, last);
    }

    /** DOCKER_HOST of this daemon, for the docker client and the image script. */
    String host() {
        return host;
    }

    /** The environment of this JVM plus DOCKER_HOST, for scripts that talk to the daemon. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", host);
        return env;
    }

    /** cluster/images.sh on this daemon: the node image, built only when its recipe changed. */
    String nodeImage(Path log) {
        HostCommand.Result r = HostCommand.of(repo.resolve("cluster/images.sh").toString()).env(environment())
                .log(log).timeout(Duration.ofMinutes(30)).run();
        List<String> lines = r.output().lines().toList();
        return lines.get(lines.size() - 1).trim();
    }

    @Override
    public void close() {
        script(repo, "stop", runDir.toString()).timeout(Duration.ofMinutes(2)).run();
        try {
            Trees.delete(runDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + runDir, e);
        }
    }

    private static HostCommand script(Path repo, String... args) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(repo.resolve("cluster/dockerd.sh").toString());
        argv.addAll(List.of(args));
        return HostCommand.of(argv);
    }

    /**
     * Testcontainers reads these from the environment only; without them it pulls images (alpine to
     * find a gateway, because /.dockerenv exists; the reaper; the checks) and hangs here, or talks
     * to another daemon. The failsafe configuration in pom.xml sets them.
     */
    private static void requireTestcontainersEnvironment() {
        Map<String, String> want = Map.of("TESTCONTAINERS_HOST_OVERRIDE", "localhost",
                "TESTCONTAINERS_CHECKS_DISABLE", "true", "TESTCONTAINERS_RYUK_DISABLED", "true");
        for (Map.Entry<String, String> e : want.entrySet()) {
            if (!e.getValue().equals(System.getenv(e.getKey()))) {
                throw new IllegalStateException("environment variable " + e.getKey() + " must be " + e.getValue()
                        + " (set by the failsafe plugin in pom.xml; run the test through mvn verify)");
            }
        }
        String host = System.getenv("DOCKER_HOST");
        if (host == null || !host.startsWith("unix://") || !host.endsWith("/docker.sock") || host.length() > 100) {
            throw new IllegalStateException("environment variable DOCKER_HOST must be unix://FOLDER/docker.sock,"
                    + " at most 100 characters (a unix socket path), where the test's own dockerd will listen;"
                    + " got " + host + " (the failsafe plugin in pom.xml sets it)");
        }
    }
}
