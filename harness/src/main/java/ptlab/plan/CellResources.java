package ptlab.plan;

import java.util.List;
import ptlab.HarnessException;

/**
 * What each cell of a campaign asks a scheduler for (the slurm executor's sbatch resources). Every field may be null before
 * {@link #resolve}; after it only {@code partition} may be (the cluster's default partition).
 *
 * @param partition {@code --partition}; default: the cluster's default partition
 * @param timeMinutes {@code --time} per cell; default: the cell's own deadline (boot timeout plus every
 *     step's timeout, rounded up), so Slurm never kills a cell the harness would have let finish
 * @param cpusPerTask {@code --cpus-per-task}; default: the guest's vCPUs plus {@value #HARNESS_CPUS} for
 *     the harness, QEMU's I/O thread and the native builds
 * @param memMib {@code --mem} in MiB; default: the guest's memory plus {@value #HARNESS_MIB} MiB for the
 *     harness JVM and QEMU's own memory
 * @param maxParallel the most cells running at once ({@code --array=0-N%K}); default: no limit
 * @param extraArgs further sbatch arguments, passed as given (e.g. {@code --account=lab}, {@code --qos=low})
 */
public record CellResources(String partition, Integer timeMinutes, Integer cpusPerTask, Integer memMib,
        Integer maxParallel, List<String> extraArgs) {
    public static final int HARNESS_CPUS = 1;
    public static final int HARNESS_MIB = 1536;

    public CellResources {
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
    }

    /** Defaults derived from the plan's guest and steps; checks what was given. */
    public CellResources resolve(RunPlan plan) {
        var vm = plan.spec().vm();
        long deadlineS = vm.bootTimeoutS();
        for (Step s : plan.units().get(0).steps()) {
            deadlineS += s.timeoutS();
        }
        CellResources r = new CellResources(partition,
                timeMinutes != null ? timeMinutes : (int) ((deadlineS + 59) / 60),
                cpusPerTask != null ? cpusPerTask : vm.cpus() + HARNESS_CPUS,
                memMib != null ? memMib : vm.memoryMib() + HARNESS_MIB,
                maxParallel, extraArgs);
        positive("--time-limit", r.timeMinutes);
        positive("--cpus-per-cell", r.cpusPerTask);
        positive("--mem-per-cell", r.memMib);
        if (maxParallel != null) {
            positive("--max-parallel", maxParallel);
        }
        if (r.cpusPerTask < vm.cpus()) {
            throw HarnessException.usage("--cpus-per-cell " + r.cpusPerTask + " is fewer than the guest's " + vm.cpus()
                    + " vCPUs (vm.cpus in the spec)");
        }
        if (r.memMib <= vm.memoryMib()) {
            throw HarnessException.usage("--mem-per-cell " + r.memMib + " MiB leaves nothing beside the guest's "
                    + vm.memoryMib() + " MiB (vm.memory_mib in the spec); give at least " + (vm.memoryMib() + 512));
        }
        return r;
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw HarnessException.usage(option + " must be at least 1, got " + value);
        }
    }
}
