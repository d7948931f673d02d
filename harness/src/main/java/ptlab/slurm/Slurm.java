package ptlab.slurm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ptlab.HarnessException;
import ptlab.host.HostCommand;

/**
 * The Slurm client programs (sbatch, squeue, scancel), run as host commands. They find the cluster the
 * usual way ({@code SLURM_CONF} or the node's slurm.conf); a missing client is a clear message.
 */
public final class Slurm {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * One job or array task as squeue shows it.
     *
     * @param jobId the array's job id (or the job's, when not an array)
     * @param taskId the array task id; empty for a job that is no array
     * @param state PENDING, RUNNING, COMPLETING, COMPLETED, CANCELLED, FAILED, TIMEOUT, NODE_FAIL, ...
     * @param where the node it runs on, or why it waits
     */
    public record Entry(String jobId, Optional<Integer> taskId, String state, String where) {
        /** Still to run or running: the scheduler is not done with it. */
        public boolean active() {
            return switch (state) {
                case "PENDING", "RUNNING", "COMPLETING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
                        "RESIZING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT" -> true;
                default -> false;
            };
        }
    }

    private Slurm() {
    }

    /** Submits {@code script} with {@code args}; returns the job id. */
    public static String submit(List<String> args, Path script) {
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable"));
        argv.addAll(args);
        argv.add(script.toString());
        String out = run(argv, "submitting " + script.getFileName()).trim();
        // --parsable prints "id" or "id;cluster"
        String id = out.lines().reduce((a, b) -> b).orElse("").split(";")[0].trim();
        if (!id.matches("\\d+")) {
            throw HarnessException.infra("sbatch printed no job id for " + script + ": " + out);
        }
        return id;
    }

    /** Every task of these jobs that squeue still knows (recently finished ones included), array tasks expanded. */
    public static List<Entry> queue(List<String> jobIds) {
        List<String> argv = List.of("squeue", "--noheader", "--array", "--states=all", "--jobs=" + String.join(",", jobIds),
                "--format=%F|%K|%T|%R");
        HostCommand.Result r = command(argv).runAllowingFailure();
        if (r.exitCode() != 0) {
            // every id already purged from the controller's memory: nothing it knows of is active
            if (r.output().contains("Invalid job id")) {
                return List.of();
            }
            throw HarnessException.infra("squeue failed with exit status " + r.exitCode() + ": " + r.output());
        }
        return parse(r.output());
    }

    static List<Entry> parse(String squeue) {
        List<Entry> entries = new ArrayList<>();
        for (String line : squeue.lines().toList()) {
            String[] f = line.trim().split("\\|", 4);
            if (f.length < 4 || !f[0].matches("\\d+")) {
                continue;
            }
            Optional<Integer> task = f[1].matches("\\d+") ? Optional.of(Integer.parseInt(f[1])) : Optional.empty();
            entries.add(new Entry(f[0], task, f[2], f[3]));
        }
        return entries;
    }

    /** Cancels these jobs (every task of an array). */
    public static void cancel(List<String> jobIds) {
        List<String> argv = new ArrayList<>(List.of("scancel"));
        argv.addAll(jobIds);
        run(argv, "cancelling jobs " + jobIds);
    }

    private static String run(List<String> argv, String what) {
        HostCommand.Result r = command(argv).runAllowingFailure();
        if (r.exitCode() != 0) {
            throw HarnessException.infra(what + ": " + String.join(" ", argv) + " failed with exit status "
                    + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }

    private static HostCommand command(List<String> argv) {
        if (ptlab.host.HostTools.find(argv.get(0)) == null) {
            throw HarnessException.infra("the slurm executor needs Slurm's client programs, and " + argv.get(0)
                    + " is not on PATH: run the harness on a machine of the cluster (a login node), or install"
                    + " the clients (Debian: apt-get install slurm-client) and set SLURM_CONF");
        }
        return HostCommand.of(argv).timeout(TIMEOUT);
    }
}
