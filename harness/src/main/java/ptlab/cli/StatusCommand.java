package ptlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.Outcome;
import ptlab.slurm.CampaignStatus;

/** {@code harness status CAMPAIGN}: each cell of a Slurm campaign, from Slurm and from the run folders. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each cell of a campaign submitted with --executor slurm: pending, running, done (with"
                + " its outcome), failed, cancelled or without result.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every cell is done and passed", "1:a cell failed, has no result or was cancelled",
            "5:the campaign is still running"})
public final class StatusCommand implements Callable<Integer> {
    /** The campaign's jobs are still queued or running. */
    static final int STILL_RUNNING = 5;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign folder that harness run printed.")
    Path campaign;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CampaignStatus.Snapshot s = CampaignStatus.of(campaign.toAbsolutePath());
        s.cells().forEach(c -> out.println(c.line()));
        out.printf("%d cells: %d done, %d running, %d pending, %d failed, %d cancelled, %d without result%s%n",
                s.cells().size(), s.count(CampaignStatus.State.DONE), s.count(CampaignStatus.State.RUNNING),
                s.count(CampaignStatus.State.PENDING), s.count(CampaignStatus.State.FAILED),
                s.count(CampaignStatus.State.CANCELLED), s.count(CampaignStatus.State.NO_RESULT),
                s.active() ? "; the campaign is still running" : "");
        out.flush();
        if (s.active()) {
            return STILL_RUNNING;
        }
        boolean allPass = s.cells().stream()
                .allMatch(c -> c.state() == CampaignStatus.State.DONE && c.detail().equals("PASS"));
        return allPass ? Outcome.PASS.exitCode() : Outcome.FAIL.exitCode();
    }
}
