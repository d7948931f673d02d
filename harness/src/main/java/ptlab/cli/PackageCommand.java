package ptlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.analysis.OracleResult;
import ptlab.render.RenderResult;
import ptlab.packaging.SubmissionPackager;

/** {@code harness package <run-dir>... --id <ID>}: the assignment's submission tarball. */
@Command(name = "package", mixinStandardHelpOptions = true,
        description = {"Build <ID>-lkp25-p3.tar.gz: part1/*.[ch], part2/*.[ch] + Kbuild, a top-level Makefile, and the figures",
            "of the given run folders (re-rendered first) under the part they belong to. Deterministic bytes."})
public final class PackageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<run-dir>", description = "run folders whose figures go in (e.g. a part1 and a part2 run)")
    List<Path> runDirs;

    @Option(names = "--id", required = true, description = "your ID; names the tarball <ID>-lkp25-p3.tar.gz")
    String id;

    @Option(names = "--source-root", description = "checkout with workloads/ and kmod/lkp25p3/ (default: manifest source_root, else the current directory)")
    Path sourceRoot;

    @Option(names = {"-o", "--output-dir"}, description = "where to write the tarball (default: the first run folder)")
    Path outputDir;

    @Override
    public Integer call() {
        SubmissionPackager.Result r = SubmissionPackager.pack(runDirs, id, sourceRoot, outputDir);
        PrintWriter out = spec.commandLine().getOut();
        for (String e : r.entries()) {
            out.println("  " + e);
        }
        for (int i = 0; i < r.renders().size(); i++) {
            RenderResult rr = r.renders().get(i);
            long failed = rr.oracles().stream().filter(OracleResult::failed).count();
            if (failed > 0) {
                out.println("warning: " + failed + " oracle(s) failed in " + runDirs.get(i) + "; see its report.html");
            }
        }
        out.println("wrote " + r.tarball());
        out.flush();
        return 0;
    }
}
