package ptlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ptlab.testing.Guests;
import ptlab.host.HostCommand;

/**
 * A controller and two compute containers (Testcontainers, private dockerd, host networking): a job
 * array spreads over both nodes; killing one node while its tasks run makes Slurm requeue them on the
 * other, and every task's result exists exactly once. A node runs a real harness cell.
 */
class ContainerClusterIT {
    private static final int TASKS = 4;

    /**
     * Each task records its start (task, node, restart count), holds until the test releases it, then
     * writes its result to a fresh folder and renames it into place: a task killed before the rename
     * leaves no result, and a requeued one starts from scratch.
     */
    private static String taskScript(Path shared) {
        return """
                #!/bin/bash
                set -euo pipefail
                id=$SLURM_ARRAY_TASK_ID restarts=${SLURM_RESTART_COUNT:-0}
                echo "$id $(hostname) $restarts" >SHARED/starts/.$id.$restarts
                mv SHARED/starts/.$id.$restarts SHARED/starts/$id.$restarts
                while [ ! -e SHARED/release ]; do sleep 0.2; done
                tmp=$(mktemp -d SHARED/out/.task-$id.XXXXXX)
                echo "$id $(hostname) $restarts" >"$tmp/result"
                mv -T "$tmp" SHARED/out/task-$id
                """.replace("SHARED", shared.toString());
    }

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
    void arraySpreadsOverBothNodesAndAKilledNodesTasksRunAgainElsewhereExactlyOnce() throws Exception {
        long t0 = System.nanoTime();
        Path daemonDir;
        try (SlurmContainerCluster cluster = SlurmContainerCluster.start(List.of("c1", "c2"))) {
            daemonDir = cluster.daemonDir();
            long up = System.nanoTime();
            // every node can run the harness as it is: launcher, host tools, jar and JRE, nothing installed
            for (String node : cluster.computeNodes()) {
                var r = cluster.execInRepo(node, "bin/harness", "run", "--dry-run", "experiments/quick-part1.yaml");
                String out = r.getStdout() + r.getStderr();
                assertEquals(0, r.getExitCode(), node + ": bin/harness run --dry-run\n" + out);
                assertTrue(out.contains("matrix      1 image x 1 repetition"), node + ": " + out);
                assertTrue(!out.contains("installing missing host packages"), node + ": " + out);
            }
            Path shared = cluster.sharedDir();
            Files.createDirectories(shared.resolve("starts"));
            Files.createDirectories(shared.resolve("out"));
            Path script = shared.resolve("task.sh");
            Files.writeString(script, taskScript(shared));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

            // one CPU per task, two CPUs per node: two tasks on each node
            String job = cluster.submitFromController("--array=0-" + (TASKS - 1), "--cpus-per-task=1",
                    "--output=" + shared + "/slurm-%A_%a.out", script.toString());
            cluster.await("every task started once", Duration.ofSeconds(60),
                    () -> starts(shared).size() == TASKS);
            Map<Integer, String> firstNode = starts(shared).entrySet().stream()
                    .collect(Collectors.toMap(e -> Integer.parseInt(e.getKey().split("\\.")[0]), Map.Entry::getValue,
                            (a, b) -> a, TreeMap::new));
            assertEquals(Set.of("c1", "c2"), Set.copyOf(firstNode.values()), "tasks by node: " + firstNode);

            String victim = firstNode.get(0);
            String survivor = victim.equals("c1") ? "c2" : "c1";
            long killed = System.nanoTime();
            cluster.stopNode(victim);
            Files.writeString(shared.resolve("release"), "");
            Set<Integer> onVictim = firstNode.entrySet().stream().filter(e -> e.getValue().equals(victim))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            cluster.await("the killed node's tasks to start again", Duration.ofSeconds(120),
                    () -> starts(shared).size() == TASKS + onVictim.size());
            long requeued = System.nanoTime();
            cluster.awaitJobGone(job, Duration.ofSeconds(60));
            long done = System.nanoTime();

            // every task's result exactly once, nothing half-written left behind
            try (Stream<Path> s = Files.list(shared.resolve("out"))) {
                assertEquals(List.of("task-0", "task-1", "task-2", "task-3"),
                        s.map(p -> p.getFileName().toString()).sorted().toList());
            }
            for (int id = 0; id < TASKS; id++) {
                String result = Files.readString(shared.resolve("out/task-" + id + "/result")).trim();
                boolean rerun = onVictim.contains(id);
                String expect = id + " " + (rerun ? survivor : firstNode.get(id)) + " " + (rerun ? 1 : 0);
                assertEquals(expect, result, "task " + id + " (first on " + firstNode.get(id) + ")");
            }
            // the task folder names say which ran again: restart 1 only for the killed node's tasks
            Map<String, String> all = starts(shared);
            for (int id : onVictim) {
                assertEquals(survivor, all.get(id + ".1"), "task " + id + " ran again on the surviving node");
            }
            assertEquals(TASKS + onVictim.size(), all.size(), "starts: " + all);

            // Slurm's own account: the killed node's tasks ended NODE_FAIL once, then every task COMPLETED
            List<String> comp = cluster.jobCompletions();
            assertEquals(onVictim.size(), comp.stream().filter(l -> l.contains("JobState=NODE_FAIL")).count(),
                    String.join("\n", comp));
            assertEquals(TASKS, comp.stream().filter(l -> l.contains("JobState=COMPLETED")).count(),
                    String.join("\n", comp));
            String sinfo = cluster.execOk(SlurmContainerCluster.CONTROLLER, "sinfo", "-h", "-N", "-o", "%N %T");
            assertTrue(sinfo.contains(victim + " down"), "the killed node is down: " + sinfo);

            System.out.printf("cluster up %.1f s; node %s killed -> its %d tasks running again on %s after %.1f s;"
                    + " array done %.1f s after the kill%n", (up - t0) / 1e9, victim, onVictim.size(), survivor,
                    (requeued - killed) / 1e9, (done - killed) / 1e9);
        }
        // nothing the cluster started outlives it: no dockerd, containerd or shim, no mount, no folder
        String dir = daemonDir.toString();
        List<String> alive = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), alive, "processes of the cluster's daemon still running");
        assertTrue(Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().noneMatch(l -> l.contains(dir)),
                "a mount under " + dir + " is left");
        assertTrue(!Files.exists(daemonDir), daemonDir + " is left");
    }

    /**
     * A batch job on one compute node runs a real cell with bin/harness from the shared checkout: the
     * guest boots in QEMU inside the container, the result lands in results/ and records the commit.
     */
    @Test
    @Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aComputeNodeRunsAQuickCellThroughSbatch() throws Exception {
        Guests.bookworm();
        try (SlurmContainerCluster cluster = SlurmContainerCluster.start(List.of("c1", "c2"))) {
            Path out = cluster.sharedDir().resolve("cell.out");
            String job = cluster.submitFromController("--nodelist=c2", "--cpus-per-task=2", "--output=" + out,
                    "--chdir=" + cluster.repo(), "--wrap=bin/harness run experiments/quick-part1.yaml");
            cluster.awaitJobGone(job, Duration.ofMinutes(15));
            String log = Files.readString(out);
            String pass = log.lines().filter(l -> l.startsWith("PASS")).findFirst()
                    .orElseThrow(() -> new AssertionError("no PASS line in the job's output:\n" + log));
            Path run = Path.of(pass.substring(pass.indexOf('/')).trim());
            JsonNode m = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
            assertEquals("PASS", m.get("outcome").asText(), log);
            assertTrue(List.of("tcg", "kvm").contains(m.get("accelerator").asText()), m.toString());
            String head = HostCommand.of("git", "-C", cluster.repo().toString(), "rev-parse", "HEAD").run().output()
                    .trim();
            // "-dirty" when the checkout has uncommitted changes
            assertTrue(m.get("git_commit").asText().startsWith(head), "the node saw the checkout's commit " + head
                    + ": " + m.get("git_commit"));
            assertTrue(!log.contains("native build of"), "native builds work in the container:\n" + log);
            List<String> comp = cluster.jobCompletions();
            assertEquals(1, comp.size(), String.join("\n", comp));
            assertTrue(comp.get(0).contains("JobState=COMPLETED") && comp.get(0).contains("NodeList=c2 ")
                    && comp.get(0).contains("ExitCode=0:0"), comp.get(0));
        }
    }

    /** starts/ID.RESTARTS -> node, read from the files the tasks wrote. */
    private static Map<String, String> starts(Path shared) {
        try (Stream<Path> s = Files.list(shared.resolve("starts"))) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
                try {
                    return Files.readString(p).trim().split(" ")[1];
                } catch (java.io.IOException e) {
                    return "?";
                }
            }, (a, b) -> a, TreeMap::new));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
