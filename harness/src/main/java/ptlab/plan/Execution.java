package ptlab.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where and how a plan's cells run, resolved once and saved in plan.json, so a cell run from plan.json on
 * another node (a Slurm array task) does exactly what the local run would.
 *
 * @param executor the executor's name: {@code local} or {@code slurm}
 * @param jobs cells at once on this machine (the local executor; 1 elsewhere)
 * @param builds where modules and programs are built
 * @param resources what each cell asks a scheduler for; null for the local executor
 * @param partsAtOnce a submission's parts run at once, each in its own guest; null: one at a time
 */
public record Execution(String executor, int jobs, Builds builds, CellResources resources,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer partsAtOnce) {
    /** What a plan.json from before this record meant: one cell at a time here, native builds. */
    public static final Execution LOCAL = new Execution("local", 1, Builds.NATIVE, null);

    public Execution {
        if (executor == null || executor.isBlank()) {
            throw new IllegalArgumentException("an execution names its executor");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        builds = builds == null ? Builds.NATIVE : builds;
        if (partsAtOnce != null && partsAtOnce < 1) {
            throw new IllegalArgumentException("parts at once must be at least 1, got " + partsAtOnce);
        }
        partsAtOnce = partsAtOnce == null || partsAtOnce == 1 ? null : partsAtOnce;
    }

    public Execution(String executor, int jobs, Builds builds, CellResources resources) {
        this(executor, jobs, builds, resources, null);
    }

    /** This execution with a submission's parts {@code n} at a time. */
    public Execution withPartsAtOnce(int n) {
        return new Execution(executor, jobs, builds, resources, n);
    }

    /** A submission's parts at once (1 unless asked). */
    public int parts() {
        return partsAtOnce == null ? 1 : partsAtOnce;
    }

    /** The local executor, {@code jobs} cells at once. */
    public static Execution local(int jobs, Builds builds) {
        return new Execution("local", jobs, builds, null);
    }
}
