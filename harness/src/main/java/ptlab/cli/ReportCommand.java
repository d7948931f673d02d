package ptlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.report.CampaignReport;
import ptlab.run.Campaign;
import ptlab.runfolder.RunFolder;

/** {@code harness report DIR...}: a campaign report from run folders, with no VM. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a campaign report (and its merged junit.xml) from run folders or a campaign folder;"
                + " no VM. Byte-identical on every render.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*",
            description = "A campaign folder (its cells are the run folders in it), or run folders.")
    List<Path> dirs;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Where the report goes (default: the campaign folder, when one is given).")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also copy the merged junit.xml to FILE.")
    Path junit;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        List<Path> cells = new ArrayList<>();
        Path campaign = null;
        for (Path d : dirs) {
            if (Files.isRegularFile(d.resolve(RunFolder.MANIFEST))) {
                cells.add(d);
            } else if (Files.isDirectory(d)) {
                campaign = d;
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> Files.isRegularFile(p.resolve(RunFolder.MANIFEST))).sorted().forEach(cells::add);
                }
            } else {
                throw HarnessException.usage(d + ": no such folder");
            }
        }
        if (cells.isEmpty()) {
            throw HarnessException.usage("no run folders (folders with a manifest.json) in " + dirs);
        }
        Path target = out != null ? out : campaign;
        if (target == null) {
            throw HarnessException.usage("several run folders and no campaign folder: say where the report goes with -o DIR");
        }
        Files.createDirectories(target);
        CampaignReport.Result r = CampaignReport.render(target, cells);
        Path merged = Campaign.writeJunit(target, r.experiment(), cells);
        if (junit != null) {
            RunCommand.copyJunit(merged, junit);
        }
        pw.printf("%s %d cell(s); %d files written; report: %s%n", r.passed() ? "PASS" : "FAIL", cells.size(),
                r.files().size() + 1, target.resolve("report.html"));
        r.failures().forEach(f -> pw.println("  FAIL " + f));
        return r.passed() ? Outcome.PASS.exitCode() : Outcome.FAIL.exitCode();
    }
}
