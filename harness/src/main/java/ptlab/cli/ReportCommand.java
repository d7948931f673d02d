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
import ptlab.changes.Baselines;
import ptlab.changes.Changes;
import ptlab.changes.ChangesReport;
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

    @Option(names = "--baseline", paramLabel = "DIR|TARBALL", description = "Compare these cells with a baseline (an"
            + " earlier campaign's folder, a folder of run folders, or either packed): changes.json, changes.md and"
            + " changes-junit.xml beside the report, the changes first in it and in junit.xml; a called change fails"
            + " (exit 1).")
    Path baseline;

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
        Changes changes = null;
        if (baseline != null) {
            changes = Baselines.compare(baseline, cells, target, "changes");
        }
        CampaignReport.Result r = CampaignReport.render(target, cells, List.of(),
                changes == null ? null : ChangesReport.section(changes));
        Path merged = Campaign.writeJunit(target, r.experiment(), cells, changes == null ? null
                : target.resolve(Baselines.JUNIT));
        if (junit != null) {
            RunCommand.copyJunit(merged, junit);
        }
        pw.printf("%s %d cell(s); %d files written; report: %s%n", r.passed() ? "PASS" : "FAIL", cells.size(),
                r.files().size() + 1, target.resolve("report.html"));
        r.failures().forEach(f -> pw.println("  FAIL " + f));
        Outcome o = r.passed() ? Outcome.PASS : Outcome.FAIL;
        if (changes != null) {
            pw.printf("changes since the baseline: %d called of %d compared (%s)%n", changes.called().size(),
                    changes.changes().size(), target.resolve(Changes.FILE));
            changes.called().forEach(c -> pw.println("  " + c.label() + " " + c.image() + ": " + c.name()));
            o = Outcome.worst(o, changes.outcome());
        }
        return o.exitCode();
    }
}
