package ptlab.grade;

import java.nio.file.Path;
import java.util.List;
import ptlab.analysis.Fmt;

/**
 * What a student reads: each item's points and why (the judge's own words, with the first mismatches it
 * quotes), the deductions, and where the full report of their run is (their lines, their figures beside the
 * harness's). Hidden items say only that they are hidden until the grader releases them.
 */
final class Feedback {
    private Feedback() {
    }

    static String markdown(Rubric r, StudentGrade g, boolean release) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(r.rubric()).append(": ").append(g.id()).append(g.name().isEmpty() ? "" : " (" + g.name() + ")")
                .append("\n\n");
        s.append("**").append(Gradebook.num(g.total())).append(" of ").append(Gradebook.num(g.max())).append(" points**");
        if (g.needsReview()) {
            s.append(" (not final: an item waits for a person to read what the harness could not)");
        }
        s.append("\n\nSubmission: `").append(g.submission()).append("` (ID from ").append(g.how()).append(")\n\n");
        if (g.error() != null) {
            s.append("The harness could not run this submission:\n\n```\n").append(g.error().strip()).append("\n```\n");
            return s.toString();
        }
        Scorer.Score low = g.scored();
        if (g.scores().size() > 1) {
            s.append("Graded on ").append(g.scores().size()).append(" kernels; the total is the lowest:\n\n");
            for (Scorer.Score sc : g.scores()) {
                s.append("- `").append(sc.run()).append("`: ").append(Gradebook.num(sc.total())).append('\n');
            }
            s.append('\n');
        }
        s.append("| Item | Points | Status |\n|---|---|---|\n");
        for (Scorer.ItemScore it : low.items()) {
            boolean hide = it.hidden() && !release;
            s.append("| ").append(it.title()).append(" | ").append(hide ? "hidden" : Gradebook.num(it.points()) + " / "
                    + Gradebook.num(it.max())).append(" | ").append(hide ? "hidden until released" : it.status()).append(" |\n");
        }
        List<Scorer.DeductionScore> off = low.deductions().stream().filter(d -> d.points() > 0).toList();
        if (!off.isEmpty()) {
            s.append("\n**Deductions**\n\n");
            off.forEach(d -> s.append("- ").append(d.title()).append(": -").append(Gradebook.num(d.points())).append(" (")
                    .append(d.why()).append(")\n"));
        }
        s.append("\n## Why\n");
        for (Scorer.ItemScore it : low.items()) {
            if (it.hidden() && !release) {
                continue;
            }
            s.append("\n### ").append(it.title()).append(" (").append(Gradebook.num(it.points())).append(" / ")
                    .append(Gradebook.num(it.max())).append(")\n\n").append(quote(it.why())).append('\n');
        }
        crashes(Path.of(low.run()), s);
        s.append("\nThe full report of your run, with your own log lines, your figures beside the harness's and the build's"
                + " warnings: `").append(low.run()).append("/report.html`.\n");
        s.append(Fmt.f("%nGraded in %.0f s.%n", g.seconds()));
        return s.toString();
    }

    /** The judge's words, each "; first:" clause on a line of its own. */
    private static String quote(String why) {
        return "> " + why.strip().replace("\n", "\n> ");
    }

    /** Each part a kernel crash ended, with its first line and where in the student's code it happened. */
    private static void crashes(Path run, StringBuilder s) {
        Path sub = run.resolve("raw").resolve(ptlab.runfolder.RunFolder.SUBMISSION);
        for (ptlab.runfolder.PartOutcome o : Scorer.outcomes(sub)) {
            if (o.verdict().equals("KERNEL_CRASH")) {
                s.append("\n## Kernel crash in ").append(o.part()).append("\n\n").append(o.detail()).append('\n');
                ptlab.judge.OopsDecoder.decode(o, sub).forEach(w -> s.append("\n- ").append(w));
                s.append('\n');
            }
        }
    }
}
