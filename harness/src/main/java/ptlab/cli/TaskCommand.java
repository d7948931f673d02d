package ptlab.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.plan.PlanWriter;
import ptlab.run.Campaign;
import ptlab.run.CellTask;
import ptlab.run.Executor;
import ptlab.run.Executors;
import ptlab.slurm.Submission;
import ptlab.progress.Progress;

/** {@code harness task cell|finish}: what a campaign's Slurm jobs run; also by hand, to redo one cell. */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = "What a campaign's Slurm jobs run: one cell of a saved plan, or the campaign's assembly.",
        subcommands = {TaskCommand.Cell.class, TaskCommand.Finish.class})
public final class TaskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ptlab.Outcome.USAGE_ERROR.exitCode();
    }

    @Command(name = "cell", mixinStandardHelpOptions = true,
            description = "Run cell INDEX (0-based) of a campaign's plan.json in a staging folder and publish it"
                    + " when complete; a cell already published is not run again.")
    static final class Cell implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PLAN", description = "The campaign's plan.json.")
        Path plan;

        @Parameters(index = "1", paramLabel = "INDEX", description = "Which cell: the array task id.")
        int index;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            // the executor that placed the cell says which attempt this is; the plan says everything else
            Executor executor = Executors.ofCampaign(plan.toAbsolutePath().getParent());
            CellTask.Result r = CellTask.run(plan, index, executor.attempt(System.getenv(), hostname()),
                    Progress.stderr());
            out.printf("%-12s %s%s%n", r.outcome(), r.folder(), r.published() ? "" : " (not published by this attempt)");
            if (!r.message().isEmpty()) {
                out.println("  " + r.message().replace("\n", "\n  "));
            }
            out.flush();
            return r.outcome().exitCode();
        }
    }

    @Command(name = "finish", mixinStandardHelpOptions = true,
            description = "Assemble a campaign from its cells' run folders: campaign.json, the report, junit.xml;"
                    + " cells without a run folder are named as such. A campaign with a baseline and --reruns whose"
                    + " changes need reruns gets them first: a second array and another finish job after it.")
    static final class Finish implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CAMPAIGN", description = "The campaign folder.")
        Path campaign;

        @Override
        public Integer call() {
            if (!Submission.cancelled(campaign)) {
                var again = ptlab.slurm.Rounds.submitReruns(campaign, Progress.stderr());
                if (again.isPresent()) {
                    spec.commandLine().getOut().println("reruns submitted: array job " + again.get().arrayJob()
                            + ", report job " + again.get().reportJob());
                    return 0;
                }
            }
            Campaign.Finished f = Campaign.assemble(PlanWriter.read(campaign.resolve("plan.json")),
                    Submission.cancelled(campaign));
            RunCommand.printCampaign(spec.commandLine().getOut(), f, -1);
            return f.outcome().exitCode();
        }
    }

    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
