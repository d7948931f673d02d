package ptlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import ptlab.files.RepoRoot;
import ptlab.files.Trees;
import ptlab.image.ImageCache;
import ptlab.json.Json;
import ptlab.testing.GradescopeSchema;

/**
 * Gradescope's autograder run as Gradescope runs it, in a container built here (the cluster tests' node image: JDK,
 * QEMU, mmdebstrap, gcc) with the /autograder layout: the checkout as /autograder/source, a student's tarball in
 * /autograder/submission; gradescope/run_autograder grades it (a real guest, TCG) and results.json conforms to the
 * schema written from Gradescope's specification.
 */
class GradescopeIT {
    @TempDir
    Path tmp;

    @Test
    void runAutograderGradesASubmissionIntoResultsJson() throws Exception {
        Path repo = RepoRoot.find();
        Path autograder = Files.createDirectories(tmp.resolve("autograder"));
        Path submission = Files.createDirectories(autograder.resolve("submission"));
        Files.createDirectories(autograder.resolve("source"));
        Files.createDirectories(autograder.resolve("results"));
        Path answer = Trees.copy(Path.of("harness/src/test/resources/submissions/pagetable-pointer"), tmp.resolve("answer"));
        ptlab.host.HostCommand.of("tar", "czf", submission.resolve("903000002-pagetable.tar.gz").toString(), "-C",
                answer.toString(), ".").timeout(java.time.Duration.ofSeconds(30)).run();
        try (PrivateDocker docker = PrivateDocker.start(repo);
                GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(docker.nodeImage(tmp.resolve("images.log"))))) {
            c.withImagePullPolicy(img -> false).withNetworkMode("host").withLabel("ptlab.cluster", tmp.getFileName().toString())
                    .withTmpFs(Map.of("/tmp", "rw,exec,size=4g"))
                    .withEnv("PTLAB_CACHE", ImageCache.defaultCache().root().getParent().toString())
                    .withEnv("PTLAB_RUBRIC", "experiments/rubrics/pagetable-quick.yaml")
                    .withFileSystemBind(autograder.toString(), "/autograder", BindMode.READ_WRITE)
                    .withFileSystemBind(repo.toString(), "/autograder/source", BindMode.READ_ONLY)
                    .withFileSystemBind(repo.resolve("target").toString(), "/autograder/source/target", BindMode.READ_WRITE)
                    .withFileSystemBind(repo.resolve("results").toString(), "/autograder/source/results", BindMode.READ_WRITE)
                    .withFileSystemBind(ImageCache.defaultCache().root().toString(), ImageCache.defaultCache().root().toString(),
                            BindMode.READ_WRITE)
                    .withCreateContainerCmdModifier(cmd -> {
                        cmd.withEntrypoint("sleep", "infinity");
                        cmd.getHostConfig().withDevices(SlurmContainerCluster.hostDevices()).withCapAdd(Capability.SYS_ADMIN);
                    });
            c.start();
            ExecResult r = c.execInContainer("/autograder/source/gradescope/run_autograder");
            assertEquals(0, r.getExitCode(), r.getStdout() + r.getStderr());
            Path results = autograder.resolve("results/results.json");
            assertEquals(List.of(), GradescopeSchema.problems(results), Files.readString(results));
            JsonNode json = Json.tree(results);
            assertEquals(100.0, json.get("score").asDouble(), r.getStdout());
            assertEquals(5, json.get("tests").size());
            assertTrue(json.get("execution_time").asInt() > 0);
            assertTrue(r.getStdout().contains("gradescope: /autograder/results/results.json"), r.getStdout());
        }
    }
}
