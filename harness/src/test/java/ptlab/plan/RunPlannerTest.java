package ptlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.spec.Accel;
import ptlab.spec.InvalidSpecException;
import ptlab.spec.SpecFixtures;
import ptlab.spec.SpecLoader;

class RunPlannerTest {
    static final Path REPO = SpecFixtures.REPO;
    static final Path MATRIX = REPO.resolve("experiments/matrix.yaml");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:02:03.456Z"), ZoneOffset.UTC);

    static RunPlan plan(Path spec, Overrides overrides) {
        return RunPlanner.plan(spec, REPO, overrides, CLOCK);
    }

    @Test
    void matrixIsImagesTimesRepetitionsImagesOutermost() {
        RunPlan plan = plan(MATRIX, Overrides.NONE);
        List<String> ids = plan.units().stream().map(RunUnit::runId).toList();
        assertEquals(List.of("20261124-010203-bookworm-r1", "20261124-010203-bookworm-r2",
                "20261124-010203-my-kernel-r1", "20261124-010203-my-kernel-r2"), ids);
        RunUnit u = plan.units().get(3);
        assertEquals("my-kernel", u.image());
        assertEquals(2, u.repetition());
        assertEquals(REPO.resolve("custom/my-kernel.yaml"), u.recipe());
        assertEquals(REPO.resolve("results/matrix/20261124-010203/20261124-010203-my-kernel-r2"), u.outputDir(),
                "the cells of a campaign live in its folder");
        assertEquals(REPO.resolve("results/matrix/20261124-010203"), plan.campaignDir().orElseThrow());
        assertEquals(u.outputDir().resolve("raw"), u.folder().raw());
        assertEquals(REPO.resolve("results/matrix"), plan.experimentDir());
        assertEquals(u, plan.unit("20261124-010203-my-kernel-r2").orElseThrow());
        assertTrue(plan.unit("20261124-010203-sid-r1").isEmpty());
    }

    @Test
    void planRecordsItsInputs() {
        RunPlan plan = plan(MATRIX, Overrides.NONE);
        assertEquals(RunPlan.VERSION, plan.planVersion());
        assertEquals("2026-11-24T01:02:03Z", plan.createdAt());
        assertEquals(MATRIX, plan.specFile());
        assertEquals(64, plan.specSha256().length());
        assertEquals(REPO, plan.repoRoot());
        assertEquals(Overrides.NONE, plan.overrides());
        assertEquals(Accel.TCG, plan.spec().vm().accel());
    }

    @Test
    void runIdsAreUtcWhateverTheClocksZone() {
        Clock tokyo = Clock.fixed(Instant.parse("2026-11-24T01:02:03Z"), ZoneId.of("Asia/Tokyo"));
        RunPlan plan = RunPlanner.plan(MATRIX, REPO, Overrides.NONE, tokyo);
        assertEquals("20261124-010203-bookworm-r1", plan.units().get(0).runId());
        assertEquals("20261124-010203-sid-r3", RunPlanner.runId(Instant.parse("2026-11-24T01:02:03Z"), "sid", 3));
    }

    /** A run of this experiment began in this second (an interrupted one, restarted at once): the next free second. */
    @Test
    void aSecondWhoseFoldersAreTakenIsSkipped(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path repo = ptlab.files.Trees.copy(REPO, tmp.resolve("repo"));
        Path matrix = repo.resolve("experiments/matrix.yaml");
        java.nio.file.Files.createDirectories(RunPlanner.plan(matrix, repo, Overrides.NONE, CLOCK).campaignDir().orElseThrow());
        RunPlan again = RunPlanner.plan(matrix, repo, Overrides.NONE, CLOCK);
        assertEquals("20261124-010204-bookworm-r1", again.units().get(0).runId());
        assertEquals(repo.resolve("results/matrix/20261124-010204"), again.campaignDir().orElseThrow());
        Overrides one = new Overrides(null, List.of("bookworm"), 1, null, null);
        java.nio.file.Files.createDirectories(RunPlanner.plan(matrix, repo, one, CLOCK).units().get(0).outputDir());
        assertEquals("20261124-010204-bookworm-r1", RunPlanner.plan(matrix, repo, one, CLOCK).units().get(0).runId(),
                "a single run's folder taken");
    }

    @Test
    void samePlanForTheSameInputs() {
        assertEquals(plan(MATRIX, Overrides.NONE), plan(MATRIX, Overrides.NONE));
    }

    @Test
    void stepsFollowTheWorkloadsInSpecOrder() {
        RunUnit u = plan(MATRIX, Overrides.NONE).units().get(0);
        assertEquals(List.of("boot", "upload-sources", "build-workloads", "guest-info", "kmsg-stream", "build-lkp25p3",
                "insmod-lkp25p3", "build-pagetable", "part1-4k", "part1-whole", "vma_dump", "access", "damon", "pagetable",
                "collect", "render"), u.steps().stream().map(Step::name).toList());
        assertEquals(120, u.steps().get(0).timeoutS());
        assertTrue(u.steps().stream().skip(1).allMatch(s -> s.timeoutS() == 600));
        assertTrue(u.steps().get(0).description().startsWith("restore the ready snapshot of bookworm in QEMU (2 vCPUs,"
                + " 2048 MiB, accel tcg)"), u.steps().get(0).description());
        assertEquals("qemu-restore", ((Step.Boot) u.steps().get(0)).provider());
        RunUnit cold = plan(MATRIX, new Overrides(null, null, null, ptlab.spec.Start.BOOT)).units().get(0);
        assertEquals("boot bookworm in QEMU (2 vCPUs, 2048 MiB, accel tcg) and wait until SSH runs a command",
                cold.steps().get(0).description());
        assertEquals("qemu-boot", ((Step.Boot) cold.steps().get(0)).provider(), "--cold-boot selects the cold boot");
        RunPlan vagrant = plan(MATRIX, new Overrides(null, null, null, null, ptlab.spec.Backend.VAGRANT));
        Step.Boot vb = (Step.Boot) vagrant.units().get(0).steps().get(0);
        assertEquals("vagrant", vb.provider(), "--backend vagrant selects the vagrant provider, whatever vm.start says");
        assertTrue(vb.description().startsWith("vagrant up bookworm (libvirt provider"), vb.description());
        assertEquals(ptlab.spec.Backend.VAGRANT, vagrant.spec().vm().backend());
        assertEquals(ptlab.spec.Backend.VAGRANT, vagrant.overrides().backend(), "plan.json records the override");
        Step part1 = u.step("part1-4k").orElseThrow();
        assertEquals("memalloc 64M in 4 KiB callocs and write every page; pagemap translates every page (batched),"
                + " timing each; THP default", part1.description());
        assertEquals(List.of("sh /root/ptlab/src/workloads/scripts/part1.sh '4k' '67108864' 'default' 'batched'"),
                part1.commands(), "the exact guest command is in the plan");
        Step access = u.step("access").orElseThrow();
        assertEquals("for 10 s read [0, 16M) flat out and [16M, 32M) every 1000 us of a 128M buffer; lkp25p3 scans"
                + " accessed bits every 100 ms and reports every 1000 ms; THP never", access.description());
        assertEquals("access t=", ((Step.GuestCommand) access).progressPrefix());
    }

    @Test
    void modulesAreBuiltOnlyWhenAWorkloadNeedsThem() {
        RunUnit part1 = RunPlanner.plan(SpecFixtures.load(SpecFixtures.HEAD + "workloads:\n  - kind: pagemap\n"),
                Overrides.NONE, CLOCK, REPO).units().get(0);
        assertEquals(List.of("boot", "upload-sources", "build-workloads", "guest-info", "kmsg-stream", "part1-4k",
                "part1-2m", "part1-whole", "collect", "render"),
                part1.steps().stream().map(Step::name).toList());
        RunUnit minimal = plan(REPO.resolve("experiments/minimal.yaml"), Overrides.NONE).units().get(0);
        assertEquals(List.of("boot", "upload-sources", "build-workloads", "guest-info", "kmsg-stream", "build-lkp25p3",
                "insmod-lkp25p3", "build-pagetable", "part1-4k", "part1-2m", "part1-whole", "xlate", "vma_dump",
                "access", "damon", "pagetable", "collect", "render"),
                minimal.steps().stream().map(Step::name).toList());
        assertEquals(300, minimal.steps().get(0).timeoutS());
        assertEquals(1800, minimal.steps().get(1).timeoutS());
    }

    @Test
    void overridesReplaceAccelImagesAndRepetitions() {
        Overrides o = new Overrides(Accel.KVM, List.of("sid", "trixie"), 3);
        RunPlan plan = plan(MATRIX, o);
        assertEquals(Accel.KVM, plan.spec().vm().accel());
        assertEquals(List.of("sid", "trixie"), plan.spec().images());
        assertEquals(3, plan.spec().repetitions());
        assertEquals(o, plan.overrides());
        assertEquals(List.of("20261124-010203-sid-r1", "20261124-010203-sid-r2", "20261124-010203-sid-r3",
                "20261124-010203-trixie-r1", "20261124-010203-trixie-r2", "20261124-010203-trixie-r3"),
                plan.units().stream().map(RunUnit::runId).toList());
        assertEquals(REPO.resolve("vm-images/trixie.yaml"), plan.units().get(5).recipe());
        assertTrue(plan.units().get(0).steps().get(0).description().contains("accel kvm"));
    }

    /** vm.cold_boots: 1 boots the first repetition's kernel and restores the snapshot for the others. */
    @Test
    void coldBootsBootTheFirstRepetitionsAndRestoreTheRest() {
        RunPlan plan = plan(REPO.resolve("experiments/cold-boots.yaml"), Overrides.NONE);
        List<String> providers = plan.units().stream()
                .map(u -> ((Step.Boot) u.step(Step.BOOT).orElseThrow()).provider()).toList();
        assertEquals(List.of("qemu-boot", "qemu-restore", "qemu-restore"), providers);
        assertEquals(ptlab.spec.Start.RESTORE, plan.spec().vm().start());
        assertEquals(1, plan.spec().vm().coldBoots());
        RunPlan booting = plan(REPO.resolve("experiments/cold-boots.yaml"), new Overrides(null, null, 3,
                ptlab.spec.Start.BOOT));
        assertEquals(3, booting.units().stream().filter(u -> ((Step.Boot) u.step(Step.BOOT).orElseThrow()).provider()
                .equals("qemu-boot")).count(), "--cold-boot boots every repetition");
    }

    @Test
    void imagePathOverridesAreRelativeToTheCurrentFolder() {
        RunPlan plan = RunPlanner.plan(SpecLoader.load(MATRIX, REPO),
                new Overrides(null, List.of("custom/my-kernel.yaml"), null), CLOCK, REPO);
        assertEquals(REPO.resolve("custom/my-kernel.yaml"), plan.units().get(0).recipe());
        assertEquals(List.of(REPO.resolve("custom/my-kernel.yaml").toString()), plan.spec().images());
    }

    @Test
    void badOverridesAreUsageErrors() {
        assertUsage(new Overrides(null, List.of("buster"), null), "--image buster: no image recipe vm-images/buster.yaml");
        assertUsage(new Overrides(null, List.of("sid", "sid"), null), "--image sid: image 'sid' is already given");
        assertUsage(new Overrides(null, List.of(), null), "--image: give at least one image");
        assertUsage(new Overrides(null, null, 0), "--repetitions must be 1 to 1000, got 0");
    }

    private static void assertUsage(Overrides o, String message) {
        HarnessException e = assertThrows(HarnessException.class, () -> plan(MATRIX, o));
        assertEquals(Outcome.USAGE_ERROR, e.outcome());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void anInvalidSpecMakesNoPlan() {
        assertThrows(InvalidSpecException.class, () -> plan(REPO.resolve("experiments/many-errors.yaml"), Overrides.NONE));
    }

    @Test
    void aBackendNoProviderServesIsASpecErrorAtItsField(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("docker.yaml");
        java.nio.file.Files.writeString(spec, ptlab.spec.SpecFixtures.HEAD + "vm:\n  backend: docker\n"
                + "workloads:\n  - kind: pagemap\n");
        var e = assertThrows(ptlab.spec.InvalidSpecException.class, () -> RunPlanner.plan(spec, REPO, Overrides.NONE,
                CLOCK));
        ptlab.spec.SpecFixtures.assertError(e.errors().get(0), 4, 3, "vm.backend",
                "no guest provider serves backend 'docker'; known backends: ");
        assertTrue(e.getMessage().contains("qemu") && e.getMessage().contains("vagrant"), e.getMessage());
        var flag = assertThrows(ptlab.HarnessException.class, () -> plan(MATRIX, new Overrides(null, null, null, null,
                new ptlab.spec.Backend("docker"))));
        assertTrue(flag.getMessage().startsWith("--backend docker: no guest provider serves backend 'docker'"),
                flag.getMessage());
    }

    @Test
    void providersAreRegisteredNotNamedInThePlanner() {
        var registry = ptlab.guest.GuestProviders.installed();
        assertTrue(registry.names().containsAll(List.of("qemu-restore", "qemu-boot", "vagrant")), registry.names().toString());
        assertEquals("qemu-boot", registry.byName("qemu").name(), "plans of version 2 named the cold boot qemu");
        var e = assertThrows(ptlab.HarnessException.class, () -> registry.byName("lxc"));
        assertTrue(e.getMessage().contains("unknown guest provider 'lxc'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ptlab.guest.GuestProviders(List.of(
                registry.byName("vagrant"), registry.byName("vagrant"))), "two providers of one name");
    }
}
