package ptlab.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import ptlab.plan.CellResources;

/** The slurm executor's options of {@code harness run}; defaults come from the spec (see CellResources). */
public final class SlurmMixin {
    @Option(names = "--partition", paramLabel = "NAME", description = "Slurm partition (default: the cluster's default).")
    String partition;

    @Option(names = "--time-limit", paramLabel = "MINUTES",
            description = "Time limit of each cell's task (default: the cell's own deadline, boot plus every step's timeout).")
    Integer timeMinutes;

    @Option(names = "--cpus-per-cell", paramLabel = "N", description = "CPUs per cell (default: vm.cpus + 1).")
    Integer cpus;

    @Option(names = "--mem-per-cell", paramLabel = "MIB",
            description = "Memory per cell in MiB (default: vm.memory_mib + " + CellResources.HARNESS_MIB + ").")
    Integer memMib;

    @Option(names = "--max-parallel", paramLabel = "K", description = "At most K cells at once (--array=0-N%%K; default: no limit).")
    Integer maxParallel;

    @Option(names = "--sbatch-arg", paramLabel = "ARG",
            description = "A further sbatch argument for every job, e.g. --sbatch-arg=--account=lab (repeatable).")
    List<String> extra = new ArrayList<>();

    CellResources options() {
        return new CellResources(partition, timeMinutes, cpus, memMib, maxParallel, extra);
    }
}
