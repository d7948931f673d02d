package ptlab.run;

import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.analysis.Verdict;
import ptlab.parse.KmsgParser;
import ptlab.render.Analysed;
import ptlab.junit.JUnitXml;
import ptlab.render.RenderPipeline;
import ptlab.render.RenderResult;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.StepRecord;
import ptlab.progress.Progress;

/**
 * The end of every run: analyse raw/ (datasets, figures, oracles), decide the outcome from the steps
 * and the oracles in memory, write manifest.json once, then write the report from that manifest. A later
 * {@code harness render} reads the same manifest and gives the same bytes.
 */
final class RunFinisher {
    record Finished(Outcome outcome, String message, RenderResult render) {
    }

    private RunFinisher() {
    }

    static Finished finish(RunFolder folder, RunManifest manifest, Outcome outcome, String message,
            Progress progress) {
        manifest.rawFacts();
        Analysed analysis = null;
        if (outcome == Outcome.PASS || outcome == Outcome.FAIL) {
            progress.phase("render figures and report");
            long t0 = System.nanoTime();
            try {
                analysis = RenderPipeline.analyse(folder, manifest.view());
                analysis.kmsg().ifPresent(manifest::kmsg);
                manifest.oracles(analysis.oracles());
                Outcome decided = Verdict.decide(outcome, analysis.oracles());
                if (decided != outcome) {
                    outcome = decided;
                    message = Verdict.failedOracles(analysis.oracles());
                }
                manifest.step(StepRecord.ok("render", t0, null, null));
            } catch (HarnessException e) {
                analysis = null;
                manifest.step(StepRecord.failed("render", t0, null, null, e.getMessage()));
                outcome = outcome == Outcome.PASS ? e.outcome() : outcome;
                message = message.isEmpty() ? e.getMessage() : message;
            }
        } else {
            kmsgCounts(folder, manifest);
        }
        manifest.finish(outcome, message);
        manifest.write();
        RenderResult render = null;
        if (analysis != null) {
            render = RenderPipeline.report(analysis, Manifest.read(folder.manifest()));
        } else {
            JUnitXml.write(folder, Manifest.read(folder.manifest()), java.util.List.of());
        }
        return new Finished(outcome, message, render);
    }

    /** A run that crashed is not rendered, but its manifest still says what the kmsg stream holds. */
    private static void kmsgCounts(RunFolder folder, RunManifest manifest) {
        if (java.nio.file.Files.isRegularFile(folder.kmsg())) {
            try {
                manifest.kmsg(KmsgParser.parse(folder.kmsg()));
            } catch (HarnessException e) {
                manifest.kmsgError(e.getMessage());
            }
        }
    }
}
