package ptlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.Outcome;
import ptlab.analysis.OracleResult;
import ptlab.analysis.Verdict;
import ptlab.render.RenderPipeline;
import ptlab.render.RenderResult;

/** {@code harness render <run-dir>}: datasets, figures and report from raw/ alone, no VM. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Rebuild datasets/, figures/, oracles.json, report.md and report.html of a run folder from its raw/ alone.",
            "Byte-identical on every re-render. Exit code 0 when every oracle passes, 1 otherwise."})
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-dir>", description = "a run folder: results/<experiment>/<run-id>")
    Path runDir;

    @Override
    public Integer call() {
        RenderResult r = RenderPipeline.render(runDir);
        PrintWriter out = spec.commandLine().getOut();
        for (OracleResult o : r.oracles()) {
            out.printf("%-5s %s: %s%n", o.status().label(), o.name(), o.detail());
        }
        out.println(Verdict.counts(r.oracles(), " oracles") + "; " + r.files().size() + " files written; report: "
                + runDir.resolve("report.html"));
        out.flush();
        return r.allPassed() ? Outcome.PASS.exitCode() : Outcome.FAIL.exitCode();
    }
}
