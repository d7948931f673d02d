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
 * {@code bin/harness grade CLASS --rubric RUBRIC --executor slurm --wait} submitted from the controller of a two-node
 * container cluster ({@code -Dptlab.bench.class}, a class folder inside the checkout, and {@code -Dptlab.bench.rubric}),
 * from the submission to the gradebook. bench/grade-slurm-containers.sh makes the class and runs it.
 */
class ContainerGradeBench {
    @Test
    void aClassOnTwoContainerNodes() throws Exception {
        String cls = System.getProperty("ptlab.bench.class");
        String rubric = System.getProperty("ptlab.bench.rubric", "experiments/rubrics/pagetable-quick.yaml");
        String grades = System.getProperty("ptlab.bench.grades");
        long t0 = System.nanoTime();
        try (SlurmContainerCluster cluster = SlurmContainerCluster.start(List.of("c1", "c2"), 8000)) {
            double upS = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            // a node has 2 CPUs (cluster/slurm-conf.sh): one cell per node, both nodes at once
            ExecResult r = cluster.execInRepo(SlurmContainerCluster.CONTROLLER, "bin/harness", "grade", cls, "--rubric",
                    rubric, "--executor", "slurm", "--wait", "--cpus-per-cell", "2", "-o", grades);
            double runS = (System.nanoTime() - t1) / 1e9;
            String out = r.getStdout() + r.getStderr();
            assertEquals(0, r.getExitCode(), out);
            JsonNode book = new ObjectMapper().readTree(Path.of(grades, "grades.json").toFile());
            java.util.TreeMap<String, Integer> totals = new java.util.TreeMap<>();
            book.get("students").forEach(s -> totals.merge(s.get("total").asText(), 1, Integer::sum));
            System.out.printf("bench: %d submission(s) graded on two container nodes: cluster up %.1f s, grade --executor"
                    + " slurm --wait %.1f s; totals %s%n", book.get("students").size(), upS, runS, totals);
        }
    }
}
