package ptlab.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import ptlab.HarnessException;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;

/** The executors registered in {@code META-INF/services/ptlab.run.Executor}, by name. */
public final class Executors {
    private static final class Installed {
        static final List<Executor> ALL = ServiceLoader.load(Executor.class, Executors.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
    }

    private Executors() {
    }

    /** Every registered executor's name. */
    public static List<String> names() {
        return Installed.ALL.stream().map(Executor::name).toList();
    }

    /** The executor called {@code name}; a usage error names the executors there are. */
    public static Executor byName(String name) {
        return Installed.ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> HarnessException.usage("unknown executor '" + name + "'; known: "
                        + String.join(", ", names())));
    }

    /**
     * The campaign's plan and the executor that runs it. Plans before version 3 named no executor: a
     * campaign with a {@code slurm/} folder was Slurm's.
     */
    public static Executor ofCampaign(Path campaign) {
        Path planFile = campaign.resolve("plan.json");
        if (!Files.isRegularFile(planFile)) {
            throw HarnessException.usage(campaign + " is not a campaign folder (no plan.json); give the folder that"
                    + " `harness run` printed");
        }
        RunPlan plan = PlanWriter.read(planFile);
        if (plan.planVersion() < 3 && Files.isDirectory(campaign.resolve("slurm"))) {
            return byName("slurm");
        }
        return byName(plan.execution().executor());
    }
}
