package ptlab.plan;

/**
 * Where and how a plan's cells run, resolved once and saved in plan.json, so a cell run from plan.json on
 * another node (a Slurm array task) does exactly what the local run would.
 *
 * @param executor the executor's name: {@code local} or {@code slurm}
 * @param jobs cells at once on this machine (the local executor; 1 elsewhere)
 * @param builds where modules and programs are built
 * @param resources what each cell asks a scheduler for; null for the local executor
 */
public record Execution(String executor, int jobs, Builds builds, CellResources resources) {
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
    }

    /** The local executor, {@code jobs} cells at once. */
    public static Execution local(int jobs, Builds builds) {
        return new Execution("local", jobs, builds, null);
    }
}
