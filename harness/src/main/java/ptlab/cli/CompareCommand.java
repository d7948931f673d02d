package ptlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.nio.file.Files;
import ptlab.changes.Baselines;
import ptlab.changes.CampaignChanges;
import ptlab.changes.Changes;
import ptlab.changes.ChangesReport;
import ptlab.runfolder.RunFolder;
import picocli.CommandLine.Spec;
import ptlab.Outcome;
import ptlab.render.RenderPipeline;
import ptlab.compare.Reproduction;

/** {@code harness compare ORIGINAL AGAIN}: the comparison {@code reproduce} makes, for two run folders. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two run folders of one spec as a reproduction: every oracle of the second, and each"
                + " figure's data within documented tolerances. Renders both first; no VM. Given two campaigns (or a"
                + " campaign and a run), print the changes of the second since the first: image changes, oracles that"
                + " flipped, quantities with bootstrap 95%% intervals, build warnings, cells added or gone; exit 1 when a"
                + " change is called.")
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ORIGINAL")
    Path original;

    @Parameters(index = "1", paramLabel = "AGAIN")
    Path again;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "With two campaigns: also write changes.json,"
            + " changes.md and changes-junit.xml to DIR.")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(original.resolve(RunFolder.MANIFEST)) || !Files.isRegularFile(again.resolve(RunFolder.MANIFEST))) {
            // campaigns (or a campaign and a run): what changed since ORIGINAL, with intervals
            Changes c = out == null ? CampaignChanges.between(original, again) : Baselines.compare(original, again, out, "changes");
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(ChangesReport.markdown(c));
            pw.flush();
            return c.outcome().exitCode();
        }
        RenderPipeline.render(original);
        RenderPipeline.render(again);
        Reproduction.Result r = Reproduction.compare(original, again);
        PrintWriter out = spec.commandLine().getOut();
        out.print(Reproduction.markdown(r, original.toString(), again.toString()));
        out.flush();
        return r.reproduced() ? Outcome.PASS.exitCode() : Outcome.FAIL.exitCode();
    }
}
