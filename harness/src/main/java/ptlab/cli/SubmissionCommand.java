package ptlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.files.Trees;
import ptlab.submission.Assignment;
import ptlab.submission.Findings;
import ptlab.submission.PartFinder;
import ptlab.submission.PartOverride;
import ptlab.submission.SafeUnpacker;
import ptlab.submission.UnpackLimits;
import ptlab.submission.Unpacked;

/** {@code harness submission inspect}: what the harness would take from a student's submission. */
@Command(name = "submission", mixinStandardHelpOptions = true,
        description = "Look at a student's submission (a folder, .tar.gz/.tgz or .zip) without running it.",
        subcommands = {SubmissionCommand.Inspect.class})
public final class SubmissionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Outcome.USAGE_ERROR.exitCode();
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Unpack PATH safely into a private temporary folder and say, for each part of the assignment,"
                + " which files it is and why, or what is missing or ambiguous.",
                "Exit 0 when every part is found, 1 when any is missing or ambiguous, 2 when the archive is refused."})
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", description = "The submission: a folder, .tar.gz, .tgz or .zip.")
        Path path;

        @Option(names = "--assignment", paramLabel = "NAME", defaultValue = "lkp25-p3",
                description = "Which parts to look for: lkp25-p3 (memalloc, pagemap, lkp25p3, part2-memalloc),"
                        + " pagetable (pagetable, pagetable-user) or all (default: ${DEFAULT-VALUE}).")
        String assignment;

        @Option(names = "--part", paramLabel = "NAME=PATH",
                description = "Take part NAME only from PATH (a folder or file inside the submission); settles an"
                        + " ambiguous part. Repeatable.")
        List<String> parts = new ArrayList<>();

        @Option(names = "--keep", description = "Keep the unpacked folder and print where it is.")
        boolean keep;

        @Override
        public Integer call() throws IOException {
            Assignment a = Assignment.byId(assignment).orElseThrow(() -> HarnessException.usage(
                    "--assignment must be lkp25-p3, pagetable or all, got '" + assignment + "'"));
            List<PartOverride> overrides = parts.stream().map(PartOverride::parse).toList();
            Unpacked u = new SafeUnpacker().unpack(path, Path.of(System.getProperty("java.io.tmpdir")));
            try {
                Findings f = PartFinder.find(u.root(), a, overrides);
                PrintWriter out = spec.commandLine().getOut();
                out.println("submission " + path + ": " + u.kind() + ", " + u.files() + " files, " + UnpackLimits.size(u.bytes())
                        + (keep ? ", unpacked in " + u.root() : ""));
                u.notes().forEach(n -> out.println("  note: " + n));
                f.describe().forEach(out::println);
                out.flush();
                return (f.allFound() ? Outcome.PASS : Outcome.FAIL).exitCode();
            } finally {
                if (!keep) {
                    Trees.delete(u.root());
                }
            }
        }
    }
}
