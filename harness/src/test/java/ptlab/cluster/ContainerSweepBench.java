package ptlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * A benchmark, not a test of CI (its name matches neither surefire's nor failsafe's patterns): the wall time of
 * one spec ({@code -Dptlab.bench.spec}, default experiments/sweep-kernels.yaml) submitted from the controller of a
 * two-node container cluster with {@code bin/harness run --executor slurm --wait}, from the submission to the
 * campaign report, and where each cell ran. bench/slurm-containers.sh runs it beside the local executor.
 */
class ContainerSweepBench {
    @Test
    void sweepOnTwoContainerNodes() throws Exception {
        String spec = System.getProperty("ptlab.bench.spec", "experiments/sweep-kernels.yaml");
        long t0 = System.nanoTime();
        try (SlurmContainerCluster cluster = SlurmContainerCluster.start(List.of("c1", "c2"), 8000)) {
            double upS = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            // a node has 2 CPUs (cluster/slurm-conf.sh): one cell per node, both nodes at once
            ExecResult r = cluster.execInRepo(SlurmContainerCluster.CONTROLLER, "bin/harness", "run", spec,
                    "--executor", "slurm", "--wait", "--cpus-per-cell", "2");
            double runS = (System.nanoTime() - t1) / 1e9;
            String out = r.getStdout() + r.getStderr();
            assertEquals(0, r.getExitCode(), out);
            String line = out.lines().filter(l -> l.trim().startsWith("campaign:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no campaign in:\n" + out));
            Path campaign = Path.of(line.substring(line.indexOf('/')).trim());
            JsonNode c = new ObjectMapper().readTree(campaign.resolve("campaign.json").toFile());
            StringBuilder cells = new StringBuilder();
            for (JsonNode cell : c.get("cells")) {
                JsonNode info = new ObjectMapper().readTree(
                        campaign.resolve(cell.get("run_id").asText()).resolve("cell.json").toFile());
                cells.append(String.format("  %s on %s, restarts %d%n", cell.get("run_id").asText(),
                        info.path("node").asText("?"), info.path("restart_count").asInt()));
            }
            System.out.printf("bench: %s on two container nodes: cluster up %.1f s, run --executor slurm --wait %.1f s,"
                    + " %d cells, outcome %s, campaign %s%n%s", spec, upS, runS, c.get("cells").size(),
                    c.get("outcome").asText(), campaign, cells);
            assertEquals("PASS", c.get("outcome").asText(), c.toString());
        }
    }
}
