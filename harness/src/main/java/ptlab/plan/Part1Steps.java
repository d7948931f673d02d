package ptlab.plan;

import java.nio.file.Path;
import java.util.List;
import ptlab.files.Trees;
import ptlab.spec.ExperimentSpec;
import ptlab.spec.PagemapWorkload;
import ptlab.submission.Findings;
import ptlab.submission.Part;
import ptlab.submission.Part1Cli;
import ptlab.submission.PartResult;
import ptlab.submission.SafeUnpacker;
import ptlab.submission.Unpacked;

/**
 * A submission's Part 1, when the spec has a {@code pagemap} workload and the assignment has Part 1: the
 * student's memalloc and pagemap built as their Part 2 memalloc is (sandboxed), then one trial in a fresh
 * guest that runs them as {@link Part1Cli} guessed from their sources, the truth taken by the harness's own
 * pagemap while memalloc lives.
 */
final class Part1Steps {
    static final String PART = "part1";
    static final String BUILD_MEMALLOC = "build-submission-part1-memalloc";
    static final String BUILD_PAGEMAP = "build-submission-pagemap";
    /** The build components a Part 1 trial needs (see SubmissionTrials). */
    static final String MEMALLOC_COMPONENT = "submission-part1-memalloc";
    static final String PAGEMAP_COMPONENT = "submission-pagemap";
    /** memalloc runs at most this many times (one per scheme). */
    static final int RUNS = 3;

    private Part1Steps() {
    }

    static void add(ExperimentSpec spec, Findings f, long t, long limit, List<Step> steps) {
        var workload = spec.workload(PagemapWorkload.class);
        if (workload.isEmpty() || !f.assignment().parts().contains(Part.MEMALLOC)) {
            return;
        }
        PartResult memalloc = part(f, Part.MEMALLOC);
        PartResult pagemap = part(f, Part.PAGEMAP);
        String missing = SubmissionSteps.missing(memalloc, pagemap);
        String prog = "";
        String pm = "";
        Part1Cli cli = new Part1Cli(List.of(""), Part1Cli.FALLBACK, "not guessed: a part is missing");
        if (missing == null) {
            PartResult.Found m = (PartResult.Found) memalloc;
            PartResult.Found p = (PartResult.Found) pagemap;
            boolean one = m.sources().get(0).equals(p.sources().get(0));
            prog = SubmissionSteps.programBuild(m, t, steps, BUILD_MEMALLOC, MEMALLOC_COMPONENT, "Part 1 memalloc");
            pm = one ? "" : SubmissionSteps.programBuild(p, t, steps, BUILD_PAGEMAP, PAGEMAP_COMPONENT, "Part 1 pagemap");
            cli = guess(spec, m, one ? null : p, workload.get().size().bytes());
        }
        List<String> runs = cli.runs().stream().limit(RUNS).toList();
        steps.add(new Step.Trial(Step.TRIAL_PREFIX + PART, "run the student's memalloc (" + runs.size() + " run(s): "
                + String.join(" | ", runs.stream().map(r -> r.isEmpty() ? "no arguments" : r).toList()) + ") as root, stdin a"
                + " FIFO fed a newline each time it settles, at most " + limit + " s each; "
                + (pm.isEmpty() ? "it translates its own pages" : "their pagemap run on it") + "; the truth is the"
                + " harness's pagemap of its anonymous mappings, before and after. Guess: " + cli.why(),
                SubmissionSteps.trialDeadline(limit, RUNS * limit), PART, null,
                GuestPaths.script("sub-part1.sh", prog, pm, limit, String.join("|", runs), String.join("|", cli.forms()),
                        cli.why()), GuestPaths.OUT + "/submission/" + PART, missing));
    }

    /** The guess needs the sources: the submission is unpacked once more, read and deleted. */
    private static Part1Cli guess(ExperimentSpec spec, PartResult.Found m, PartResult.Found p, long size) {
        Unpacked u = new SafeUnpacker().unpack(Path.of(spec.submission().path()), Path.of(System.getProperty("java.io.tmpdir")));
        try {
            return Part1Cli.guess(u.root(), m, p, size);
        } finally {
            try {
                Trees.delete(u.root());
            } catch (java.io.IOException e) {
                // a temporary copy left in the temporary folder; the guess is made
            }
        }
    }

    private static PartResult part(Findings f, Part p) {
        return f.parts().stream().filter(r -> r.part() == p).findFirst().orElseThrow();
    }
}
