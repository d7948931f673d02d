package ptlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.Outcome;
import ptlab.run.Executor;
import ptlab.run.Executors;
import ptlab.progress.Progress;

/** {@code harness resume CAMPAIGN}: runs the cells of a campaign that have no result yet, with its own executor. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Run again, with the executor that ran it, the cells of a campaign that have no result: never ran,"
                + " failed before publishing, interrupted or cancelled; then assemble the campaign again.")
public final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign folder.")
    Path campaign;

    @Option(names = "--wait", description = "With a scheduler (slurm): follow the campaign until it ends and exit with the worst outcome;"
            + " the local executor always waits.")
    boolean await;

    @Option(names = "--junit", paramLabel = "FILE", description = "With --wait: also write the campaign's JUnit XML to FILE.")
    Path junit;

    @Override
    public Integer call() {
        Path dir = campaign.toAbsolutePath().normalize();
        Executor ex = Executors.ofCampaign(dir);
        Progress progress = Progress.stderr();
        Executor.Started started = ex.resume(dir, progress);
        return RunCommand.followStarted(ex, started, Outcome.PASS, await, junit, spec.commandLine().getOut(), progress);
    }
}
