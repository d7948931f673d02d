package ptlab.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.plan.RunUnit;

/**
 * Runs every cell of a plan on this machine, {@code jobs} guests at a time; results come back in plan
 * order. Cells share nothing but the read-only base images and the caches, which lock themselves.
 */
public final class LocalExecutor {
    private LocalExecutor() {
    }

    public static List<RunOrchestrator.UnitResult> runAll(RunOrchestrator orchestrator, List<RunUnit> units,
            int jobs) {
        if (jobs <= 1 || units.size() == 1) {
            List<RunOrchestrator.UnitResult> results = new ArrayList<>();
            for (RunUnit u : units) {
                results.add(orchestrator.run(u));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<RunOrchestrator.UnitResult>> futures = new ArrayList<>();
            for (RunUnit u : units) {
                futures.add(pool.submit(() -> orchestrator.run(u)));
            }
            List<RunOrchestrator.UnitResult> results = new ArrayList<>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException(Outcome.INTERRUPTED, "interrupted while runs were going on", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
