package ptlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.Image;
import ptlab.image.ImageManifest;
import ptlab.plan.Builds;
import ptlab.plan.Execution;
import ptlab.plan.Overrides;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.plan.Step;
import ptlab.testing.JUnitDom;
import ptlab.testing.TestFiles;
import ptlab.progress.Progress;

/**
 * The run lifecycle against a {@link FakeGuest}: what the harness does when a guest step fails, the
 * guest crashes or a step runs past its deadline. FailingStepIT shows the first in a real guest.
 */
class RunOrchestratorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:02:03Z"), ZoneOffset.UTC);
    static final RunManifest.HostFacts HOST = new RunManifest.HostFacts("0123abc", "QEMU emulator version 7.2.0",
            "Test CPU", "0.0.0-test");
    static final String SPEC = """
            experiment: fake
            author: {first: Test, last: Runner}
            vm: {memory_mib: 2048, accel: tcg}
            workloads:
              - kind: vma_dump
              - kind: access
                size: 16M
                hot: 4M
                warm_start: 4M
                warm_end: 8M
                duration_s: 2
            """;

    @TempDir
    Path tmp;

    record Ran(RunOrchestrator.UnitResult result, FakeGuest guest, JsonNode manifest, RunPlan plan) {
        Path run() {
            return result.unit().outputDir();
        }
    }

    Ran run(FakeGuest.Handler handler) throws IOException {
        Path repo = tmp.resolve("repo");
        for (String d : List.of("vm-images", "workloads", "kmod")) {
            TestFiles.copyTree(Path.of(d), repo.resolve(d));
        }
        Path spec = Files.createDirectories(repo.resolve("experiments")).resolve("fake.yaml");
        Files.writeString(spec, SPEC);
        RunPlan plan = RunPlanner.plan(spec, repo, Overrides.NONE, Execution.local(1, Builds.GUEST), CLOCK);
        FakeGuest guest = new FakeGuest(Files.createDirectories(tmp.resolve("guest")), handler);
        guest.write("/var/log/kern.log", "Nov 24 01:02:03 guest kernel: [    0.000000] Linux version 6.1.0-fake\n");
        Image image = fakeImage(Files.createDirectories(tmp.resolve("image")));
        RunOrchestrator o = new RunOrchestrator(plan, (recipe, p) -> image, name -> guest.provider(),
                new BuildCache(tmp.resolve("builds")), HOST, CLOCK, Progress.silent());
        RunOrchestrator.UnitResult r = o.run(plan.units().get(0));
        JsonNode m = new ObjectMapper().readTree(r.unit().folder().manifest().toFile());
        return new Ran(r, guest, m, plan);
    }

    static Image fakeImage(Path dir) {
        return new Image(dir, new ImageManifest("bookworm", "bookworm-fake", "bookworm", "6.1.0-fake",
                "console=ttyS0", "k".repeat(64), "i".repeat(64), "d".repeat(64), "SHA256:fake", 1,
                "2026-11-24T00:00:00Z", "root", List.of(), null));
    }

    static JsonNode step(JsonNode manifest, String name) {
        for (JsonNode s : manifest.get("steps")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + manifest.get("steps"));
    }

    @Test
    void aFailingStepKeepsWhatWasCollectedAndNamesStepCommandAndStatus() throws Exception {
        Ran ran = run((g, c) -> {
            if (c.contains("vma_dump.sh")) {
                g.write("/root/ptlab/out/vma/maps.txt", "00400000-00401000 r-xp 00000000 00:00 0 /sbin/init\n");
                return FakeGuest.result(c, 3, "", "simulated failure\n");
            }
            return null;
        });
        var r = ran.result();
        assertEquals(Outcome.FAIL, r.outcome(), r.message());
        assertTrue(r.message().contains("step vma_dump failed"), r.message());
        assertTrue(r.message().contains("vma_dump.sh' exited with status 3"), r.message());
        assertTrue(r.message().contains("simulated failure"), r.message());
        JsonNode failed = step(ran.manifest(), "vma_dump");
        assertEquals("failed", failed.get("status").asText());
        assertEquals(3, failed.get("exit_status").asInt());
        assertTrue(failed.get("command").asText().endsWith("vma_dump.sh"));
        assertEquals("FAIL", ran.manifest().get("outcome").asText());
        assertEquals(1, ran.manifest().get("exit_code").asInt());
        assertTrue(Files.size(ran.run().resolve("raw/vma/maps.txt")) > 0, "collected after the failure");
        assertTrue(Files.size(ran.run().resolve("raw/kern.log")) > 0, "kern.log collected after the failure");
        assertTrue(Files.readString(ran.run().resolve("raw/steps/vma_dump.log")).contains("exit status 3"));
        assertFalse(ran.guest().commands.stream().anyMatch(c -> c.contains("access.sh")), "no step after the failure");
        assertTrue(ran.guest().commands.stream().anyMatch(c -> c.contains("rmmod lkp25p3")), "collect ran");
        assertTrue(ran.guest().closed, "the guest is closed");
    }

    /**
     * Seals manifest.json: every key and the JSON type of its value, from a run whose clock and host are
     * fixed. A change of the format shows up here; rewrite with -Dgolden.update=true when intended.
     */
    @Test
    void manifestKeysAndTypesAreSealed() throws Exception {
        Ran ran = run((g, c) -> {
            if (c.contains("guest-info.sh")) {
                g.write("/root/ptlab/out/guest/cmdline.txt", "console=ttyS0\n");
                g.write("/root/ptlab/out/guest/thp_enabled.txt", "always [madvise] never\n");
                g.write("/root/ptlab/out/guest/thp_defrag.txt", "always defer [madvise] never\n");
            } else if (c.contains("sha256sum")) {
                return FakeGuest.result(c, 0, "a".repeat(64) + "  workloads/memalloc\n", "");
            } else if (c.contains("vma_dump.sh")) {
                return FakeGuest.result(c, 3, "", "simulated failure\n");
            }
            return null;
        });
        assertEquals("2026-11-24T01:02:03Z", ran.manifest().get("started_at").asText());
        assertEquals("2026-11-24T01:02:03Z", ran.manifest().get("finished_at").asText());
        String schema = ManifestSchema.of(ran.manifest());
        Path golden = Path.of("harness/src/test/resources/run/manifest.schema.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, schema);
        }
        assertEquals(Files.readString(golden), schema, "golden " + golden);
    }

    @Test
    void aCrashMidStepIsKernelCrashAndSkipsCollection() throws Exception {
        Ran ran = run((g, c) -> {
            if (c.contains("access.sh")) {
                throw new HarnessException(Outcome.KERNEL_CRASH, "guest kernel crashed while running: " + c
                        + ": BUG: unable to handle page fault\n--- console excerpt ---\nOops: 0000 [#1] SMP");
            }
            return null;
        });
        assertEquals(Outcome.KERNEL_CRASH, ran.result().outcome());
        assertEquals("KERNEL_CRASH", ran.manifest().get("outcome").asText());
        assertEquals(3, ran.manifest().get("exit_code").asInt());
        assertTrue(Files.readString(ran.run().resolve("raw/crash.txt")).contains("Oops: 0000"));
        assertEquals("failed", step(ran.manifest(), "access").get("status").asText());
        assertFalse(Files.exists(ran.run().resolve("raw/kern.log")), "nothing is collected from a crashed guest");
        assertFalse(Files.exists(ran.run().resolve("report.html")), "a crashed run is not rendered");
        // junit.xml: the crashed step is a failed test case carrying the crash, and it is the only failure
        Element failure = JUnitDom.onlyFailure(JUnitDom.root(ran.run().resolve("junit.xml")), "access", ".steps");
        assertTrue(failure.getAttribute("message").startsWith("guest kernel crashed while running: "),
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("Oops: 0000 [#1] SMP"), failure.getTextContent());
        assertTrue(ran.guest().closed);
    }

    @Test
    void aStepPastItsDeadlineIsInfraErrorAndCollectionStillRuns() throws Exception {
        Ran ran = run((g, c) -> {
            if (c.contains("access.sh")) {
                throw HarnessException.infra("remote command did not finish within 600 s on root@127.0.0.1:2222: " + c);
            }
            return null;
        });
        assertEquals(Outcome.INFRA_ERROR, ran.result().outcome(), ran.result().message());
        assertTrue(ran.result().message().contains("did not finish within 600 s"));
        assertEquals("INFRA_ERROR", ran.manifest().get("outcome").asText());
        assertEquals(4, ran.manifest().get("exit_code").asInt());
        assertTrue(Files.exists(ran.run().resolve("raw/kern.log")), "collected after the timeout");
        assertFalse(Files.exists(ran.run().resolve("raw/crash.txt")));
    }

    @Test
    void theGuestRunsExactlyThePlannedCommandsInOrder() throws Exception {
        Ran ran = run((g, c) -> null);
        List<String> planned = new ArrayList<>();
        for (Step s : ran.plan().units().get(0).steps()) {
            if (s instanceof Step.GuestCommand g) {
                planned.add(g.command());
            } else if (s instanceof Step.Build b) {
                planned.add(b.make());
            }
        }
        List<String> ran2 = ran.guest().commands.stream().filter(planned::contains).toList();
        assertEquals(planned, ran2);
        // every step record names a step of the plan, or the image
        for (JsonNode s : ran.manifest().get("steps")) {
            String name = s.get("name").asText();
            assertTrue(name.equals("image") || ran.plan().units().get(0).step(name).isPresent(), name);
        }
    }

    /**
     * A backend added in a test (FakeBackend: one class and one line in the test class path's service
     * file) is planned, printed and started like the shipped ones: nothing in the harness names it.
     */
    @Test
    void aBackendRegisteredInATestIsPlannedAndStartedThroughTheRegistry() throws Exception {
        Path repo = tmp.resolve("repo");
        for (String d : List.of("vm-images", "workloads", "kmod")) {
            TestFiles.copyTree(Path.of(d), repo.resolve(d));
        }
        Path spec = Files.createDirectories(repo.resolve("experiments")).resolve("fake.yaml");
        Files.writeString(spec, SPEC.replace("vm: {memory_mib: 2048, accel: tcg}",
                "vm: {memory_mib: 2048, accel: tcg, backend: fake}"));
        RunPlan plan = RunPlanner.plan(spec, repo, Overrides.NONE, Execution.local(1, Builds.GUEST), CLOCK);
        Step.Boot boot = (Step.Boot) plan.units().get(0).step(Step.BOOT).orElseThrow();
        assertEquals("fake", boot.provider());
        assertEquals("hand out the test's fake guest for bookworm (2 vCPUs, 2048 MiB, accel tcg)", boot.description());
        assertTrue(ptlab.plan.PlanPrinter.format(plan).contains("(guest provider: fake)"));

        FakeGuest guest = new FakeGuest(Files.createDirectories(tmp.resolve("guest")), (g, c) -> null);
        guest.write("/var/log/kern.log", "Nov 24 01:02:03 guest kernel: [    0.000000] Linux version 6.1.0-fake\n");
        FakeBackend.next = () -> guest;
        Image image = fakeImage(Files.createDirectories(tmp.resolve("image")));
        RunOrchestrator o = new RunOrchestrator(plan, (recipe, p) -> image,
                ptlab.guest.GuestProviders.installed()::byName, new BuildCache(tmp.resolve("builds")), HOST, CLOCK,
                Progress.silent());
        RunOrchestrator.UnitResult r = o.run(plan.units().get(0));
        assertTrue(guest.commands.stream().anyMatch(c -> c.contains("vma_dump.sh")), "the steps ran on the fake guest");
        assertTrue(guest.closed, "the guest is closed");
        JsonNode m = new ObjectMapper().readTree(r.unit().folder().manifest().toFile());
        assertEquals("ok", step(m, "boot").get("status").asText(), m.toString());
    }
}
