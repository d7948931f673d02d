package ptlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.image.ImageCache;
import ptlab.plan.PlanWriter;
import ptlab.slurm.SlurmExecutor;
import ptlab.slurm.Submission;
import ptlab.util.Progress;

/** {@code harness resume CAMPAIGN}: runs the cells of a Slurm campaign that have no result yet. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Submit again the cells of a campaign (submitted with --executor slurm) that have no run folder:"
                + " never ran, failed before publishing, or cancelled; then assemble the campaign again.")
public final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign folder.")
    Path campaign;

    @Option(names = "--wait", description = "Follow the campaign until it ends and exit with the worst outcome.")
    boolean await;

    @Option(names = "--junit", paramLabel = "FILE", description = "With --wait: also write the campaign's JUnit XML to FILE.")
    Path junit;

    @Override
    public Integer call() {
        Path dir = campaign.toAbsolutePath().normalize();
        var plan = PlanWriter.read(Submission.read(dir).plan());
        Progress progress = Progress.stderr();
        Submission s = SlurmExecutor.resume(dir, SlurmExecutor.Harness.current(plan.repoRoot()),
                ImageCache.defaultCache(), progress);
        return RunCommand.followSubmission(s, await, junit, spec.commandLine().getOut(), progress);
    }
}
