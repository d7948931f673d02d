package ptlab.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import ptlab.HarnessException;
import ptlab.Outcome;

/**
 * Tasks run {@code n} at a time on threads of their own, their results in the order given: the cells of a local
 * campaign, a submission's parts, a class's submissions. The first task that throws ends the wait with its
 * exception (a harness exception as it was); the others are interrupted.
 */
public final class AtOnce {
    private AtOnce() {
    }

    public static <T> List<T> run(List<Callable<T>> tasks, int n) {
        if (n <= 1 || tasks.size() <= 1) {
            List<T> results = new ArrayList<>();
            for (Callable<T> t : tasks) {
                results.add(call(t));
            }
            return results;
        }
        ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(n, tasks.size()));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException(Outcome.INTERRUPTED, "interrupted while tasks were running", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : HarnessException.infra("a task failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> t) {
        try {
            return t.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw HarnessException.infra("a task failed: " + e, e);
        }
    }
}
