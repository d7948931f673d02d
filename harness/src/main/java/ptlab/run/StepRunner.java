package ptlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.collect.Collector;
import ptlab.collect.KmsgStream;
import ptlab.guest.Guest;
import ptlab.plan.RunUnit;
import ptlab.plan.Step;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.StepRecord;
import ptlab.ssh.ExecResult;
import ptlab.progress.Progress;

/**
 * Runs the guest steps of one run on a {@link Guest}, then collection: each step's output goes to
 * raw/steps/&lt;step&gt;.log and its record to the manifest. A command that exits non-zero is a FAIL naming the step, the command
 * and the exit status; a crash (KERNEL_CRASH) or a deadline (INFRA_ERROR) comes from the guest as it is.
 */
final class StepRunner {
    private final Guest guest;
    private final RunFolder folder;
    private final RunManifest manifest;
    private final Progress progress;
    private final ModuleBuilds builds;
    private KmsgStream kmsg;

    StepRunner(Guest guest, RunFolder folder, RunManifest manifest, Progress progress, ModuleBuilds builds) {
        this.guest = guest;
        this.folder = folder;
        this.manifest = manifest;
        this.progress = progress;
        this.builds = builds;
    }

    /** The guest steps in plan order, then collection, which also runs after a failed step (not a crash). */
    void runAll(RunUnit unit) {
        HarnessException failure = null;
        try {
            for (Step step : unit.steps()) {
                if (!(step instanceof Step.Boot || step instanceof Step.Collect || step instanceof Step.Render)) {
                    run(step);
                }
            }
        } catch (HarnessException e) {
            failure = e;
        }
        if (failure == null || failure.outcome() != Outcome.KERNEL_CRASH) {
            try {
                collect(unit);
            } catch (HarnessException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void collect(RunUnit unit) {
        Step.Collect step = (Step.Collect) unit.step(Step.COLLECT).orElseThrow();
        progress.phase(step.name());
        long t0 = System.nanoTime();
        Collector.Result r = Collector.collect(step, guest, folder, kmsg, unit.runId());
        if (kmsg != null) {
            manifest.kmsgSynced(r.kmsgSynced(), r.kmsgError());
        }
        manifest.artifacts(r.artifacts());
        manifest.step(r.unload().ok() ? StepRecord.ok(step.name(), t0, null, null)
                : StepRecord.failed(step.name(), t0, step.unload(), r.unload().exitStatus(),
                        "module unload failed: " + r.unload().tail(5)));
    }

    void run(Step step) {
        if (step instanceof Step.Upload u) {
            progress.phase(u.name());
            long t0 = System.nanoTime();
            guest.upload(folder.dir().resolve(u.from()), u.to());
            manifest.step(StepRecord.ok(u.name(), t0, null, u.from() + " -> " + u.to()));
        } else if (step instanceof Step.Build b) {
            builds.build(b, this);
        } else if (step instanceof Step.GuestCommand c) {
            command(c.name(), c.command(), Duration.ofSeconds(c.timeoutS()), progressLines(c.progressPrefix()));
        } else if (step instanceof Step.KmsgStream k) {
            progress.phase(k.name());
            long t0 = System.nanoTime();
            kmsg = KmsgStream.start(guest, k.command(), folder.kmsg());
            manifest.step(StepRecord.ok(k.name(), t0, k.command(), "started; synced and closed by collect"));
        } else {
            throw new IllegalArgumentException("step " + step.name() + " does not run in the guest");
        }
    }

    Guest guest() {
        return guest;
    }

    /** Runs a guest command as the named step; its output goes to raw/steps/&lt;step&gt;.log. */
    ExecResult command(String step, String command, Duration timeout, Consumer<String> lines) {
        progress.phase(step);
        long t0 = System.nanoTime();
        ExecResult r;
        try {
            r = guest.exec(command, timeout, lines);
        } catch (HarnessException e) {
            manifest.step(StepRecord.failed(step, t0, command, null, e.getMessage()));
            throw e;
        }
        saveOutput(step, r);
        if (!r.ok()) {
            String msg = "step " + step + " failed: command '" + command + "' exited with status " + r.exitStatus()
                    + (r.exitSignal() != null ? " (signal " + r.exitSignal() + ")" : "")
                    + "\n--- last output ---\n" + r.tail(20);
            manifest.step(StepRecord.failed(step, t0, command, r.exitStatus(), msg));
            throw new HarnessException(Outcome.FAIL, msg);
        }
        manifest.step(StepRecord.ok(step, t0, command, null));
        return r;
    }

    private Consumer<String> progressLines(String prefix) {
        return prefix == null ? null : line -> {
            if (line.startsWith(prefix)) {
                progress.detail(line);
            }
        };
    }

    private void saveOutput(String step, ExecResult r) {
        try {
            Path log = folder.stepLog(step);
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ " + r.command() + "\n" + r.stdout()
                    + (r.stderr().isEmpty() ? "" : "--- stderr ---\n" + r.stderr())
                    + "--- exit status " + r.exitStatus() + " after " + r.duration().toMillis() + " ms\n");
        } catch (IOException e) {
            throw HarnessException.infra("cannot write step log: " + e.getMessage(), e);
        }
    }
}
