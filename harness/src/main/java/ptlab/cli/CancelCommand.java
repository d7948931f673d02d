package ptlab.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.run.Campaign;
import ptlab.run.Executors;
import ptlab.progress.Progress;

/** {@code harness cancel CAMPAIGN}: stops a Slurm campaign; what completed stays, nothing half-written does. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel every job of a campaign submitted with --executor slurm, wait until they have stopped,"
                + " remove the cells that had not completed, and assemble the campaign from those that had.")
public final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign folder that harness run printed.")
    Path campaign;

    @Option(names = "--patience", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long to wait for the cancelled tasks to stop (default: ${DEFAULT-VALUE}).")
    int patienceS;

    @Override
    public Integer call() {
        Path dir = campaign.toAbsolutePath().normalize();
        Campaign.Finished f = Executors.ofCampaign(dir).cancel(dir, Duration.ofSeconds(patienceS), Progress.stderr());
        RunCommand.printCampaign(spec.commandLine().getOut(), f, -1);
        return f.outcome().exitCode();
    }
}
