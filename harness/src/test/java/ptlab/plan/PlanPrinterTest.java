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
