package ptlab.collect;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import ptlab.guest.Guest;
import ptlab.plan.Step;
import ptlab.runfolder.RunFolder;
import ptlab.ssh.ExecResult;

/**
 * The collect step: everything the guest produced lands in raw/. It runs after a failed step as well
 * (what was written before the failure is kept), but not after a kernel crash (nothing answers).
 */
public final class Collector {
    private Collector() {
    }

    /**
     * What collection found besides the files.
     *
     * @param kmsgSynced  the stream delivered a marker written at the end: no record is missing at its tail
     * @param kmsgError   why the stream stopped early, or null
     * @param artifacts   built program or module (relative path) -> sha256, as the guest computed them
     * @param unload      the module unload command's result
     */
    public record Result(boolean kmsgSynced, String kmsgError, Map<String, String> artifacts, ExecResult unload) {
    }

    /** Runs {@code step} on {@code guest}; {@code kmsg} (null when never started) is synced and closed. */
    public static Result collect(Step.Collect step, Guest guest, RunFolder folder, KmsgStream kmsg, String runId) {
        boolean synced = false;
        String kmsgError = null;
        if (kmsg != null) {
            synced = kmsg.syncWith(guest, "ptlab: collect marker " + runId, Duration.ofSeconds(30));
            kmsgError = kmsg.failure() == null ? null : kmsg.failure().getMessage();
            kmsg.close();
        }
        Duration t = Duration.ofSeconds(step.timeoutS());
        guest.exec("sync", t);
        ExecResult ls = guest.exec(step.listOut(), t);
        for (String entry : ls.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            guest.download(step.outDir() + "/" + entry, folder.raw(entry));
        }
        for (String file : step.files()) {
            guest.download(file, folder.raw(file.substring(file.lastIndexOf('/') + 1)));
        }
        Map<String, String> artifacts = artifacts(guest.exec(step.checksums(), t).stdout());
        ExecResult unload = guest.exec(step.unload(), t);
        return new Result(synced, kmsgError, artifacts, unload);
    }

    /** {@code sha256sum} output, "hash  path" lines, as path -> hash. */
    static Map<String, String> artifacts(String sha256sumOutput) {
        Map<String, String> a = new TreeMap<>();
        sha256sumOutput.lines().map(String::trim).filter(l -> l.matches("[0-9a-f]{64}\\s+\\S+")).forEach(l -> {
            String[] f = l.split("\\s+", 2);
            a.put(f[1], f[0]);
        });
        return a;
    }
}
