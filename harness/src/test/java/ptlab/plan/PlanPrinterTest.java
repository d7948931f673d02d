package ptlab.plan;

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
}
