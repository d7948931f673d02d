package ptlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.spec.Accel;

class PlanPrinterTest {
    @Test
    void dryRunTextIsStable() throws IOException {
        String text = PlanPrinter.format(RunPlannerTest.plan(RunPlannerTest.MATRIX, Overrides.NONE));
        PlanWriterTest.assertGolden("matrix.plan.txt", text);
    }

    @Test
    void overridesAreShown() {
        String text = PlanPrinter.format(RunPlannerTest.plan(RunPlannerTest.MATRIX,
                new Overrides(Accel.KVM, List.of("sid"), 1)));
        assertTrue(text.contains("overrides   --accel kvm --image sid --repetitions 1\n"), text);
        assertTrue(text.contains("matrix      1 image x 1 repetition = 1 run\n"), text);
        assertTrue(text.contains("steps of each run\n"), text);
    }

    /** vm.cold_boots: the guest line says so, and each run names how its guest starts. */
    @Test
    void coldBootsAreShownRunByRun() {
        String text = PlanPrinter.format(RunPlannerTest.plan(RunPlannerTest.REPO.resolve("experiments/cold-boots.yaml"),
                Overrides.NONE));
        assertTrue(text.contains(", start restore (cold boots for the first 1 of each image); "), text);
        List<String> runs = text.lines().filter(l -> l.contains("-bookworm-r")).toList();
        assertEquals(3, runs.size(), text);
        assertTrue(runs.get(0).endsWith("  (qemu-boot)") && runs.get(1).endsWith("  (qemu-restore)")
                && runs.get(2).endsWith("  (qemu-restore)"), text);
        String plain = PlanPrinter.format(RunPlannerTest.plan(RunPlannerTest.MATRIX, Overrides.NONE));
        assertTrue(plain.lines().noneMatch(l -> l.endsWith("(qemu-restore)")), "one way to start: not repeated");
    }

    @Test
    void backendAloneIsAnOverrideAndTheExecutionIsPrinted() {
        String text = PlanPrinter.format(RunPlannerTest.plan(RunPlannerTest.MATRIX,
                new Overrides(null, null, null, null, ptlab.spec.Backend.VAGRANT)));
        List<String> lines = text.lines().toList();
        assertTrue(lines.contains("overrides   --backend vagrant"), text);
        assertTrue(lines.contains("executor    local, 1 cell at a time; builds native where the host allows, else in"
                + " the guest"), text);
    }

    @Test
    void aSchedulersResourcesAndTheBuildLocationAreInThePlan() {
        RunPlan plan = RunPlanner.plan(RunPlannerTest.MATRIX, RunPlannerTest.REPO, Overrides.NONE,
                new Execution("slurm", 1, Builds.GUEST, new CellResources("batch", null, null, null, 2, List.of())),
                RunPlannerTest.CLOCK);
        assertTrue(PlanPrinter.format(plan).lines().toList().contains("executor    slurm, per cell 3 CPUs, "
                + (2048 + CellResources.HARNESS_MIB) + " MiB, " + plan.execution().resources().timeMinutes()
                + " min, partition batch, at most 2 at once; builds in the guest (--build-in-guest)"),
                PlanPrinter.format(plan));
        RunPlan back = PlanWriter.read(write(plan));
        assertEquals(plan.execution(), back.execution(), "a cell task reads the same execution back");
        assertEquals(Builds.GUEST, back.execution().builds());
    }

    private static java.nio.file.Path write(RunPlan plan) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("plan", ".json");
            f.toFile().deleteOnExit();
            PlanWriter.write(plan, f);
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
