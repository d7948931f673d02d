package ptlab.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import ptlab.run.CellTask;
import ptlab.testing.Guests;
import ptlab.testing.TestFiles;

/**
 * The slurm executor on a real one-node Slurm (slurm-wlm and munge from Debian) on 127.0.0.1, started
 * and stopped by this test with all its state in a temporary folder. The harness runs as the user runs
 * it, a separate process, with SLURM_CONF in its environment; the array tasks run the same classes.
 */
class SlurmLocalIT {
    static final Path SCRIPT = Path.of("cluster/slurm-local.sh").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static Path state;
    static Map<String, String> env;

    @BeforeAll
    static void startCluster() throws Exception {
        state = Guests.workDir("slurm").toAbsolutePath();
        env = Map.of("SLURM_CONF", state.resolve("slurm.conf").toString(), "PTLAB_SLURM_PORT", "16917");
        Proc p = run(List.of(SCRIPT.toString(), "start", state.toString()), Path.of("."), Duration.ofSeconds(60));
        assertEquals(0, p.code(), "cluster did not start:\n" + p.out());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (state != null) {
            Proc p = run(List.of(SCRIPT.toString(), "stop", state.toString()), Path.of("."), Duration.ofSeconds(90));
            assertEquals(0, p.code(), p.out());
            for (String pid : List.of("munged", "slurmctld", "slurmd")) {
                assertFalse(Files.exists(state.resolve("run/" + pid + ".pid")), pid + " still running");
            }
        }
    }

    @Test
    void aSweepOverTwoImagesAsAnArrayGivesTheLocalExecutorsOracles() throws Exception {
        Path repo = repoCopy("sweep", false);
        Path spec = repo.resolve("experiments/quick-pagetable.yaml");
        // --build-in-guest is part of the plan every array task reads (it was once dropped on the way)
        Proc slurm = harness(repo, "run", spec.toString(), "--image", "bookworm,trixie", "--executor", "slurm",
                "--build-in-guest", "--wait", "--junit", repo.resolve("junit.xml").toString());
        assertEquals(0, slurm.code(), slurm.out());
        Path campaign = campaignOf(slurm.out());
        JsonNode c = JSON.readTree(campaign.resolve("campaign.json").toFile());
        assertEquals("PASS", c.get("outcome").asText());
        assertEquals(2, c.get("cells").size());
        assertFalse(Files.exists(campaign.resolve(CellTask.STAGING)) && list(campaign.resolve(CellTask.STAGING)).size() > 0,
                "staged cells left behind");
        for (JsonNode cell : c.get("cells")) {
            Path dir = campaign.resolve(cell.get("folder").asText());
            JsonNode attempt = JSON.readTree(dir.resolve("cell.json").toFile());
            assertEquals("slurm", attempt.get("executor").asText());
            assertEquals(0, attempt.get("restart_count").asInt());
            JsonNode builtBy = JSON.readTree(dir.resolve("manifest.json").toFile()).get("built_by");
            assertTrue(builtBy.size() >= 2, builtBy.toString());
            builtBy.fields().forEachRemaining(b -> assertTrue(b.getValue().asText().equals("guest")
                    || b.getValue().asText().equals("cache (built guest)"), b.getKey() + " built " + b.getValue()));
        }
        assertTrue(Files.readString(repo.resolve("junit.xml")).contains("<testsuites"));
        Proc status = harness(repo, "status", campaign.toString());
        assertEquals(0, status.code(), status.out());
        assertEquals(2, status.out().lines().filter(l -> l.contains(" DONE ") && l.contains("PASS")).count(), status.out());

        Proc local = harness(repo, "run", spec.toString(), "--image", "bookworm,trixie");
        assertEquals(0, local.code(), local.out());
        Path localCampaign = campaignOf(local.out());
        assertEquals(oracles(localCampaign), oracles(campaign), "the same oracles, passing alike, per image");
    }

    @Test
    void oneFailingCellFailsTheCampaignAndLeavesTheOthersIntact() throws Exception {
        Path repo = repoCopy("failing", true);
        Proc slurm = harness(repo, "run", repo.resolve("experiments/vma.yaml").toString(), "--image", "bookworm,trixie",
                "--executor", "slurm", "--wait");
        assertEquals(1, slurm.code(), slurm.out());
        Path campaign = campaignOf(slurm.out());
        JsonNode c = JSON.readTree(campaign.resolve("campaign.json").toFile());
        assertEquals("FAIL", c.get("outcome").asText());
        assertEquals("PASS", c.get("cells").get(0).get("outcome").asText(), "bookworm's cell");
        assertEquals("FAIL", c.get("cells").get(1).get("outcome").asText(), "trixie's cell");
        for (JsonNode cell : c.get("cells")) {
            assertTrue(Files.isRegularFile(campaign.resolve(cell.get("folder").asText()).resolve("report.html")));
        }
        String report = Files.readString(campaign.resolve("report.md"));
        assertTrue(report.contains("Verdict: FAIL"), report);
    }

    @Test
    void cancelMidArrayLeavesNoHalfWrittenCellAndStatusSaysCancelled() throws Exception {
        Path repo = repoCopy("cancel", false);
        Proc submit = harness(repo, "run", repo.resolve("experiments/quick-pagetable.yaml").toString(), "--image",
                "bookworm", "--repetitions", "2", "--executor", "slurm", "--max-parallel", "1");
        assertEquals(0, submit.code(), submit.out());
        Path campaign = campaignOf(submit.out());
        // wait until the first cell is under way in its staging folder, its guest starting
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (list(campaign.resolve(CellTask.STAGING)).isEmpty() || !hasConsole(campaign.resolve(CellTask.STAGING))) {
            assertTrue(System.nanoTime() < deadline, "the first cell never started:\n"
                    + harness(repo, "status", campaign.toString()).out());
            Thread.sleep(500);
        }
        Proc cancel = harness(repo, "cancel", campaign.toString());
        assertEquals(130, cancel.code(), cancel.out());
        assertFalse(Files.exists(campaign.resolve(CellTask.STAGING)), "staged cells left behind");
        try (Stream<Path> s = Files.list(campaign)) {
            List<String> cells = s.filter(p -> p.getFileName().toString().contains("-bookworm-r")).map(Path::toString).toList();
            assertEquals(List.of(), cells, "a cancelled cell published a run folder");
        }
        Proc status = harness(repo, "status", campaign.toString());
        assertEquals(1, status.code(), status.out());
        assertEquals(2, status.out().lines().filter(l -> l.contains(" CANCELLED ")).count(), status.out());
        assertEquals("INTERRUPTED", JSON.readTree(campaign.resolve("campaign.json").toFile()).get("outcome").asText());
        Proc qemu = run(List.of("pgrep", "-f", "qemu-system.*" + campaign.getFileName()), Path.of("."), Duration.ofSeconds(10));
        assertEquals(1, qemu.code(), "QEMU of a cancelled cell still runs: " + qemu.out());

        // resumable: the cancelled cells run again and the campaign completes, each cell once
        Proc resume = harness(repo, "resume", campaign.toString(), "--wait");
        assertEquals(0, resume.code(), resume.out());
        JsonNode c = JSON.readTree(campaign.resolve("campaign.json").toFile());
        assertEquals("PASS", c.get("outcome").asText());
        assertEquals(2, c.get("cells").size());
        assertEquals(1, list(campaign.resolve("slurm")).stream()
                .filter(p -> p.getFileName().toString().matches("submission-\\d+\\.json")).count(),
                "the cancelled submission is kept");
    }

    /**
     * {@code harness grade --executor slurm}: the class's runs are one campaign's cells (status reads it); a second
     * grading once it ended scores them, item by item as the local grading does (GradeIT), and a third runs nothing.
     */
    @Test
    void aClassGradedOnSlurmIsOneCampaignScoredOnceItEnds() throws Exception {
        Path repo = repoCopy("grade", false);
        TestFiles.copyTree(Path.of("harness/src/test/resources/submissions"), repo.resolve("submissions"));
        Path cls = Files.createDirectories(repo.resolve("class"));
        TestFiles.copyTree(repo.resolve("submissions/pagetable-pointer"), cls.resolve("903000002"));
        TestFiles.copyTree(repo.resolve("submissions/pagetable"), cls.resolve("903000003"));
        String[] grade = {"grade", cls.toString(), "--rubric", repo.resolve("experiments/rubrics/pagetable-quick.yaml")
                .toString(), "--executor", "slurm", "-o", repo.resolve("grades").toString()};
        Proc submit = harness(repo, grade);
        assertEquals(5, submit.code(), "submitted, still running: " + submit.out());
        Path campaign = campaignOf(submit.out());
        assertEquals(repo.resolve("grades/campaigns"), campaign.getParent());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        Proc status;
        while ((status = harness(repo, "status", campaign.toString())).code() == 5) {
            assertTrue(System.nanoTime() < deadline, "the grading campaign did not end:\n" + status.out());
            Thread.sleep(2000);
        }
        assertEquals(2, status.out().lines().filter(l -> l.contains(" DONE ")).count(), status.out());

        Proc scored = harness(repo, grade);
        assertEquals(0, scored.code(), scored.out());
        JsonNode book = JSON.readTree(repo.resolve("grades/grades.json").toFile());
        Map<String, String> items = new TreeMap<>();
        book.get("students").forEach(st -> st.get("scores").get(0).get("items").forEach(i ->
                items.put(st.get("id").asText() + " " + i.get("id").asText(), i.get("points").asText())));
        assertEquals(Map.of("903000002 build", "10.0", "903000002 user-build", "5.0", "903000002 dump", "35.0",
                "903000002 ioctl", "35.0", "903000002 user", "15.0", "903000003 build", "10.0", "903000003 user-build", "5.0",
                "903000003 dump", "0.0", "903000003 ioctl", "0.0", "903000003 user", "0.0"), items, scored.out());
        assertFalse(Files.exists(repo.resolve("grades/slurm.json")), "nothing left pending");
        Proc again = harness(repo, grade);
        assertEquals(0, again.code(), again.out());
        assertEquals(2, again.out().lines().filter(l -> l.contains("unchanged, not graded again")).count(), again.out());
    }

    /**
     * Reruns on Slurm: a campaign compared with a passing baseline whose VMA oracle fails on repetitions 1 and 4 (the
     * test option). Its report job finds the pass-to-fail change, submits three reruns as a second array with another
     * report job, and that one labels the change flaky (reruns 2 and 3 passed); --wait follows both rounds.
     */
    @Test
    void theReportJobRunsTheRerunsAsASecondArrayAndTheChangeIsLabelled() throws Exception {
        Path repo = repoCopy("reruns", false);
        String vma = "experiment: slurm-reruns\nauthor: {first: Test, last: Runner}\nvm: {memory_mib: 2048}\n"
                + "workloads:\n  - kind: vma_dump\n";
        Files.writeString(repo.resolve("experiments/base.yaml"), vma);
        Files.writeString(repo.resolve("experiments/flaky.yaml"), vma + "    fail_repetitions: [1, 4]\n");
        Proc base = harness(repo, "run", repo.resolve("experiments/base.yaml").toString());
        assertEquals(0, base.code(), base.out());
        String line = base.out().lines().filter(l -> l.startsWith("PASS")).findFirst().orElseThrow();
        Path baseline = Path.of(line.substring(line.indexOf('/')).trim());

        // the report job's sbatch is slowed down, so --wait polls while the second round is being submitted
        Proc slurm = harness(sbatchInJobs(repo, "slow", "sleep 5"), repo, "run", repo.resolve("experiments/flaky.yaml")
                .toString(), "--executor", "slurm", "--baseline", baseline.toString(), "--wait");
        // its repetitions 1 and 4 fail their oracle: the campaign fails (1), it does not end in a usage (2) or an
        // infrastructure (4) error while --wait follows the report job's second round
        assertEquals(1, slurm.code(), slurm.out());
        Path campaign = campaignOf(slurm.out());
        JsonNode changes = JSON.readTree(campaign.resolve("changes.json").toFile());
        JsonNode vmaChange = null;
        for (JsonNode c : changes.get("changes")) {
            vmaChange = c.get("name").asText().equals(ptlab.analysis.VmaComparison.MAPS_NAME) ? c : vmaChange;
        }
        assertTrue(vmaChange != null, changes.toString());
        assertEquals("flaky", vmaChange.get("label").asText(), vmaChange + "\n" + slurm.out());
        assertEquals(2, vmaChange.get("rerun").get("passed").asInt(), vmaChange.toString());
        assertEquals(3, vmaChange.get("rerun").get("repetitions").asInt(), vmaChange.toString());
        List<String> reruns = new ArrayList<>();
        JSON.readTree(campaign.resolve("reruns.json").toFile()).get("reruns").get("bookworm").forEach(r -> reruns.add(r.asText()));
        assertEquals(3, reruns.size(), reruns.toString());
        for (String id : reruns) {
            assertEquals("slurm", JSON.readTree(campaign.resolve(id).resolve("cell.json").toFile()).get("executor").asText(), id);
        }
        Submission second = Submission.read(campaign);
        assertEquals(4, second.cells().size());
        List<String> kept = list(campaign.resolve("slurm")).stream().map(p -> p.getFileName().toString())
                .filter(n -> n.matches("submission-\\d+\\.json")).toList();
        assertEquals(1, kept.size(), "the first round's submission is kept: " + kept);
        assertFalse(kept.get(0).equals("submission-" + second.arrayJob() + ".json"), kept.toString());
        JsonNode c = JSON.readTree(campaign.resolve("campaign.json").toFile());
        assertEquals(4, c.get("cells").size(), c.toString());
        Proc status = harness(repo, "status", campaign.toString());
        assertEquals(4, status.out().lines().filter(l -> l.contains(" DONE ")).count(), status.out());

        // when the report job cannot submit the reruns (an sbatch that refuses inside a job), the campaign is
        // assembled as it stands: the change keeps its unconfirmed label (pass-to-fail), and plan and submission
        // are the first round's
        Proc refused = harness(sbatchInJobs(repo, "refusing", "echo 'sbatch: error: refused (test)' >&2; exit 1"), repo, "run",
                repo.resolve("experiments/flaky.yaml").toString(), "--executor", "slurm", "--baseline", baseline.toString(),
                "--wait");
        assertEquals(1, refused.code(), refused.out());
        Path alone = campaignOf(refused.out());
        JsonNode unconfirmed = null;
        for (JsonNode ch : JSON.readTree(alone.resolve("changes.json").toFile()).get("changes")) {
            unconfirmed = ch.get("name").asText().equals(ptlab.analysis.VmaComparison.MAPS_NAME) ? ch : unconfirmed;
        }
        assertTrue(unconfirmed != null && unconfirmed.get("label").asText().equals("pass-to-fail")
                && (unconfirmed.get("rerun") == null || unconfirmed.get("rerun").isNull()), String.valueOf(unconfirmed));
        assertFalse(Files.exists(alone.resolve("reruns.json")), "reruns.json of reruns never submitted");
        assertEquals(1, JSON.readTree(alone.resolve("plan.json").toFile()).get("units").size());
        assertEquals(List.of("submission.json"), list(alone.resolve("slurm")).stream().map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("submission")).toList());
        assertTrue(Files.readString(alone.resolve("slurm/report.out")).contains("the reruns could not be submitted"),
                Files.readString(alone.resolve("slurm/report.out")));
    }

    /**
     * An environment whose sbatch runs {@code shell} first when called inside a job (the report job submitting
     * reruns), then the real sbatch; jobs inherit the submitter's PATH.
     */
    static Map<String, String> sbatchInJobs(Path repo, String name, String shell) throws IOException {
        Path bin = Files.createDirectories(repo.resolve(name + "-sbatch"));
        String sbatch = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "sbatch"))
                .filter(Files::isExecutable).findFirst().orElseThrow().toString();
        Files.writeString(bin.resolve("sbatch"), "#!/bin/sh\nif [ -n \"$SLURM_JOB_ID\" ]; then " + shell + "; fi\n"
                + "exec " + sbatch + " \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("sbatch"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    /** A copy of the repository's inputs; with {@code failOnTrixie} the VMA step fails on kernel 6.12 only. */
    static Path repoCopy(String name, boolean failOnTrixie) throws IOException {
        Path repo = Guests.workDir("slurm-" + name).toAbsolutePath();
        for (String d : List.of("vm-images", "workloads", "kmod", "experiments")) {
            TestFiles.copyTree(Path.of(d), repo.resolve(d));
        }
        if (failOnTrixie) {
            Path script = repo.resolve("workloads/scripts/vma_dump.sh");
            Files.writeString(script, Files.readString(script).replace("echo 0 >/proc/lkp25p3",
                    "case $(uname -r) in 6.12*) echo 'simulated failure on 6.12' >&2; exit 3;; esac\n"
                            + "echo 0 >/proc/lkp25p3"));
            Files.writeString(repo.resolve("experiments/vma.yaml"), """
                    experiment: slurm-vma
                    author: {first: Test, last: Runner}
                    vm: {memory_mib: 2048}
                    workloads:
                      - kind: vma_dump
                    """);
        }
        return repo;
    }

    static TreeMap<String, String> oracles(Path campaign) throws IOException {
        TreeMap<String, String> all = new TreeMap<>();
        JsonNode c = JSON.readTree(campaign.resolve("campaign.json").toFile());
        for (JsonNode cell : c.get("cells")) {
            JsonNode m = JSON.readTree(campaign.resolve(cell.get("folder").asText()).resolve("manifest.json").toFile());
            for (JsonNode o : m.get("oracles")) {
                all.put(cell.get("image").asText() + ": " + o.get("name").asText(), o.get("status").asText());
            }
        }
        assertFalse(all.isEmpty(), "no oracles in " + campaign);
        return all;
    }

    static boolean hasConsole(Path staging) throws IOException {
        try (Stream<Path> s = Files.walk(staging)) {
            return s.anyMatch(p -> p.getFileName().toString().equals("console.log"));
        }
    }

    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    static Path campaignOf(String out) {
        String line = out.lines().filter(l -> l.trim().startsWith("campaign:") || l.contains("(campaign of"))
                .findFirst().orElseThrow(() -> new AssertionError("no campaign folder in:\n" + out));
        String path = line.contains("(campaign of") ? line.substring(line.indexOf('/'), line.indexOf(" (campaign of"))
                : line.substring(line.indexOf('/')).trim();
        return Path.of(path);
    }

    record Proc(int code, String out) {
    }

    /** The harness as its own process, like bin/harness, with the cluster's SLURM_CONF. */
    static Proc harness(Path repo, String... args) throws Exception {
        return harness(Map.of(), repo, args);
    }

    /** The harness with {@code extra} added to its environment (and so to the jobs it submits). */
    static Proc harness(Map<String, String> extra, Path repo, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dptlab.root=" + repo, "-cp", System.getProperty("java.class.path"), "ptlab.cli.Main"));
        argv.addAll(List.of(args));
        return run(argv, repo, Duration.ofMinutes(20), extra);
    }

    static Proc run(List<String> argv, Path dir, Duration timeout) throws Exception {
        return run(argv, dir, timeout, Map.of());
    }

    static Proc run(List<String> argv, Path dir, Duration timeout, Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().putAll(extra);
        Path log = Files.createTempFile(Guests.workDir("slurm-log"), "proc", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", argv) + " did not end in " + timeout + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Proc(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
