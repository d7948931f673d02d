package ptlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.files.RepoRoot;

/** cluster/slurm-conf.sh, the slurm.conf generator the container cluster and host tests share. */
class SlurmConfScriptTest {
    private record Result(int exitCode, String output) {
    }

    /** The whole output (HostCommand keeps only the last lines), stdout and stderr merged. */
    private static Result conf(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(RepoRoot.find().resolve("cluster/slurm-conf.sh").toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void everyNodeHasItsOwnPortAndEveryPathIsUnderTheStateFolder() throws Exception {
        Result r = conf("--state", "/s", "--controller", "ctl:7001", "--node", "c1:7002", "--node",
                "c2:7003", "--munge-socket", "/m/sock");
        assertEquals(0, r.exitCode(), r.output());
        List<String> lines = r.output().lines().toList();
        assertTrue(lines.contains("SlurmctldHost=ctl(127.0.0.1)"), r.output());
        assertTrue(lines.contains("SlurmctldPort=7001"), r.output());
        assertTrue(lines.contains("NodeName=c1 NodeAddr=127.0.0.1 NodeHostname=c1 Port=7002 CPUs=2 RealMemory=2000"
                + " State=UNKNOWN"), r.output());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("NodeName=c2 ") && l.contains(" Port=7003 ")), r.output());
        assertTrue(lines.contains("AuthInfo=socket=/m/sock,cred_expire=5"), r.output());
        assertTrue(lines.contains("SlurmdSpoolDir=/s/slurmd.%n"), r.output());
        for (String l : lines) {
            if (l.matches("\\w+(Location|Loc|File|Dir)=.*") && !l.startsWith("JobCompType")) {
                assertTrue(l.contains("=/s/"), "outside the state folder: " + l);
            }
        }
    }

    @Test
    void badArgumentsExitTwoNamingTheArgument() throws Exception {
        Result noPort = conf("--state", "/s", "--controller", "ctl", "--node", "c1:1");
        assertEquals(2, noPort.exitCode());
        assertTrue(noPort.output().contains("--controller must be NAME:PORT, got 'ctl'"), noPort.output());
        Result noNode = conf("--state", "/s", "--controller", "ctl:1");
        assertEquals(2, noNode.exitCode());
        assertTrue(noNode.output().contains("at least one --node"), noNode.output());
        Result badTimeout = conf("--state", "/s", "--controller", "ctl:1", "--node", "c:2",
                "--slurmd-timeout", "soon");
        assertEquals(2, badTimeout.exitCode());
        assertTrue(badTimeout.output().contains("not a number: 'soon'"), badTimeout.output());
        Result badPartition = conf("--state", "/s", "--controller", "ctl:1", "--node", "c:2", "--partition", "a b");
        assertEquals(2, badPartition.exitCode());
        assertTrue(badPartition.output().contains("--partition must be a plain name, got 'a b'"), badPartition.output());
    }

    @Test
    void theOneNodeClusterOnTheHostSchedulesMemoryAndNamesItsPartition() throws Exception {
        // what cluster/slurm-local.sh asks for
        Result r = conf("--state", "/s", "--controller", "h:16817", "--node", "h:16818", "--select-params",
                "CR_Core_Memory", "--partition", "ptlab", "--kill-wait", "30");
        assertEquals(0, r.exitCode(), r.output());
        List<String> lines = r.output().lines().toList();
        assertTrue(lines.contains("SelectTypeParameters=CR_Core_Memory"), r.output());
        assertTrue(lines.contains("KillWait=30"), r.output());
        assertTrue(lines.contains("PartitionName=ptlab Nodes=ALL Default=YES MaxTime=INFINITE State=UP"), r.output());
        assertTrue(lines.contains("NodeName=h NodeAddr=127.0.0.1 NodeHostname=h Port=16818 CPUs=2 RealMemory=2000"
                + " State=UNKNOWN"), r.output());
    }
}
