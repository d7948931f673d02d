package ptlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Container.ExecResult;
import ptlab.run.CellTask;

/**
 * The slurm executor on a two-node cluster in containers: a campaign of two cells is submitted from the
 * controller with {@code bin/harness run --executor slurm}; one compute container is killed while its
 * cell's guest runs; Slurm requeues that cell on the other node, and the campaign completes with every
 * cell present exactly once, the requeued one saying so in its cell.json.
 */
class ContainerCampaignIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aCellOnAKilledNodeRunsAgainElsewhereAndTheCampaignHasEveryCellOnce() throws Exception {
        try (SlurmContainerCluster cluster = SlurmContainerCluster.start(List.of("c1", "c2"))) {
            Path spec = cluster.sharedDir().resolve("two-cells.yaml");
            // two CPUs and 2000 MB per node: one cell per node, so the two cells start side by side
            Files.writeString(spec, """
                    experiment: cluster-requeue
                    author: {first: Test, last: Runner}
                    images: [bookworm]
                    repetitions: 2
                    vm: {memory_mib: 1024}
                    workloads:
                      - kind: pagetable
                        size: 16M
                    """);
            String submitted = harness(cluster, "run", spec.toString(), "--executor", "slurm", "--cpus-per-cell", "2",
                    "--mem-per-cell", "1900");
            String line = submitted.lines().filter(l -> l.trim().startsWith("campaign:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no campaign in:\n" + submitted));
            Path campaign = Path.of(line.substring(line.indexOf('/')).trim());

            // both cells running, one per node, and cell 0's guest started in its staging folder
            String[] victim = new String[1];
            cluster.await("both cells running and cell 0's guest started", Duration.ofSeconds(300), () -> {
                List<String> running = status(cluster, campaign).lines().filter(l -> l.contains(" RUNNING ")).toList();
                if (running.size() != 2 || console(campaign, "-r1.").isEmpty()) {
                    return false;
                }
                victim[0] = running.get(0).substring(running.get(0).lastIndexOf(' ') + 1);
                return true;
            });
            String survivor = victim[0].equals("c1") ? "c2" : "c1";
            cluster.stopNode(victim[0]);

            cluster.await("the campaign to end", Duration.ofSeconds(600), () -> statusCode(cluster, campaign) != 5);
            String status = status(cluster, campaign);
            assertEquals(0, statusCode(cluster, campaign), status);

            JsonNode c = JSON.readTree(campaign.resolve("campaign.json").toFile());
            assertEquals("PASS", c.get("outcome").asText(), c.toString());
            assertEquals(2, c.get("cells").size());
            List<String> runIds = List.of(c.get("cells").get(0).get("run_id").asText(),
                    c.get("cells").get(1).get("run_id").asText());
            try (Stream<Path> s = Files.list(campaign)) {
                assertEquals(runIds, s.map(p -> p.getFileName().toString()).filter(n -> n.contains("-bookworm-r"))
                        .sorted().toList(), "every cell exactly once");
            }
            JsonNode requeued = JSON.readTree(campaign.resolve(runIds.get(0)).resolve("cell.json").toFile());
            assertEquals(1, requeued.get("restart_count").asInt(), requeued.toString());
            assertEquals(survivor, requeued.get("node").asText(), requeued.toString());
            JsonNode other = JSON.readTree(campaign.resolve(runIds.get(1)).resolve("cell.json").toFile());
            assertEquals(0, other.get("restart_count").asInt(), other.toString());
            assertTrue(status.contains("requeued 1x"), status);
            assertEquals(1, cluster.jobCompletions().stream().filter(l -> l.contains("JobState=NODE_FAIL")).count(),
                    String.join("\n", cluster.jobCompletions()));
        }
    }

    /** bin/harness ARGS... in the controller container, from the checkout; a non-zero exit fails. */
    static String harness(SlurmContainerCluster cluster, String... args) {
        return cluster.execOk(SlurmContainerCluster.CONTROLLER, command(cluster, args));
    }

    static String status(SlurmContainerCluster cluster, Path campaign) {
        ExecResult r = cluster.exec(SlurmContainerCluster.CONTROLLER, command(cluster, "status", campaign.toString()));
        return r.getStdout() + r.getStderr();
    }

    static int statusCode(SlurmContainerCluster cluster, Path campaign) {
        return cluster.exec(SlurmContainerCluster.CONTROLLER, command(cluster, "status", campaign.toString())).getExitCode();
    }

    static String[] command(SlurmContainerCluster cluster, String... args) {
        StringBuilder sb = new StringBuilder("cd '" + cluster.repo() + "' && exec bin/harness");
        for (String a : args) {
            sb.append(" '").append(a).append('\'');
        }
        return new String[] {"bash", "-c", sb.toString()};
    }

    /** The console log of a staged (unpublished) attempt of the cell whose run id contains {@code cell}. */
    static Optional<Path> console(Path campaign, String cell) {
        Path staging = campaign.resolve(CellTask.STAGING);
        if (!Files.isDirectory(staging)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(staging)) {
            return s.filter(p -> p.getFileName().toString().equals("console.log") && p.toString().contains(cell))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
