package ptlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.Outcome;
import ptlab.render.RenderPipeline;
import ptlab.compare.Reproduction;

/** {@code harness compare ORIGINAL AGAIN}: the comparison {@code reproduce} makes, for two run folders. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two run folders of one spec as a reproduction: every oracle of the second, and each"
                + " figure's data within documented tolerances. Renders both first; no VM.")
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ORIGINAL")
    Path original;

    @Parameters(index = "1", paramLabel = "AGAIN")
    Path again;

    @Override
    public Integer call() {
        RenderPipeline.render(original);
        RenderPipeline.render(again);
        Reproduction.Result r = Reproduction.compare(original, again);
        PrintWriter out = spec.commandLine().getOut();
        out.print(Reproduction.markdown(r, original.toString(), again.toString()));
        out.flush();
        return r.reproduced() ? Outcome.PASS.exitCode() : Outcome.FAIL.exitCode();
    }
}
