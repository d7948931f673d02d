package ptlab.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;
import ptlab.runfolder.OracleFile;
import ptlab.runfolder.PartOutcome;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.SubmissionParts;

/**
 * A submission's run folder scored by a rubric: each item from its oracle (partial credit from the oracle's
 * share right where the item has thresholds), then the deductions from what raw/submission/ recorded (build
 * warnings, the parts' verdicts). Needs review earns nothing until a person decides, and says so; an oracle that
 * was not checked (n/a: the rubric's spec does not run that part) earns nothing either, and says why.
 */
public final class Scorer {
    private Scorer() {
    }

    /** One item's points and why. */
    public record ItemScore(String id, String title, double points, double max, String status, String why, boolean hidden) {
    }

    /** One deduction: how many times it applied and the points taken off. */
    public record DeductionScore(String id, String title, double points, long count, String why) {
    }

    /**
     * @param run         the run folder scored
     * @param total       items less deductions, never below 0
     * @param needsReview whether an item waits for a person
     * @param failures    the failure classes seen, for the class report
     */
    public record Score(String run, List<ItemScore> items, List<DeductionScore> deductions, double total, double max,
            boolean needsReview, List<String> failures) {
    }

    public static Score score(Rubric rubric, Path runDir) {
        RunFolder run = new RunFolder(runDir);
        List<OracleResult> oracles = Files.isRegularFile(run.oracles()) ? OracleFile.read(run.oracles()) : List.of();
        List<ItemScore> items = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean review = false;
        for (Rubric.Item it : rubric.items()) {
            Optional<OracleResult> o = oracles.stream().filter(x -> x.name().startsWith(it.oracle())).findFirst();
            ItemScore s = item(it, o.orElse(null));
            review |= s.status().equals(OracleResult.Status.NEEDS_REVIEW.label());
            items.add(s);
            o.filter(x -> !x.passed()).ifPresent(x -> failures.add(FailureClass.of(it.id(), x)));
        }
        List<PartOutcome> outcomes = outcomes(runDir.resolve("raw").resolve(RunFolder.SUBMISSION));
        outcomes.stream().filter(p -> !p.ran() && !p.verdict().equals("MISSING")
                && !p.verdict().equals(ptlab.runfolder.PartOutcome.AMBIGUOUS)).forEach(p -> failures.add(p.part() + ": "
                + p.verdict()));
        List<DeductionScore> deductions = new ArrayList<>();
        for (Rubric.Deduction d : rubric.deductions()) {
            long n = count(d.per(), runDir, outcomes);
            double off = Math.min(n * d.points(), d.max() == null ? Double.MAX_VALUE : d.max());
            String why = n == 0 ? "none" : n + " x " + Gradebook.num(d.points())
                    + (d.max() != null && off < n * d.points() ? " (at most " + Gradebook.num(d.max()) + ")" : "");
            deductions.add(new DeductionScore(d.id(), d.title(), n == 0 ? 0 : off, n, why));
        }
        double earned = items.stream().mapToDouble(ItemScore::points).sum();
        double off = deductions.stream().mapToDouble(DeductionScore::points).sum();
        return new Score(runDir.toString(), items, deductions, Math.max(0, round(earned - off)), rubric.maxPoints(), review,
                failures);
    }

    static ItemScore item(Rubric.Item it, OracleResult o) {
        if (o == null) {
            return new ItemScore(it.id(), it.title(), 0, it.points(), "absent", "no oracle '" + it.oracle() + "' in this run",
                    it.isHidden());
        }
        String status = o.status().label();
        double pts;
        String why;
        switch (o.status()) {
            case NOT_APPLICABLE -> {
                // not checked in this run: the rubric's spec does not run that part, or the kernel cannot check it
                pts = 0;
                why = "not checked in this run (n/a), so no points: " + o.detail();
            }
            case NEEDS_REVIEW -> {
                pts = 0;
                why = "a person must decide (the harness could not read it): " + o.detail();
            }
            default -> {
                if (it.fullFrom() != null && o.share() != null) {
                    double share = o.share();
                    double f = share >= it.fullFrom() ? 1 : share < it.noneBelow() ? 0
                            : (share - it.noneBelow()) / (it.fullFrom() - it.noneBelow());
                    pts = round(it.points() * f);
                    why = Fmt.f("%s right (full from %s, none below %s): ", Fmt.pct(share), Fmt.pct(it.fullFrom()),
                            Fmt.pct(it.noneBelow())) + o.detail();
                } else {
                    pts = o.passed() ? it.points() : 0;
                    why = o.detail();
                }
            }
        }
        return new ItemScore(it.id(), it.title(), pts, it.points(), status, why, it.isHidden());
    }

    private static long count(String per, Path runDir, List<PartOutcome> outcomes) {
        return switch (per) {
            case "warning" -> warnings(runDir.resolve("raw").resolve(RunFolder.SUBMISSION).resolve(SubmissionParts.FILE));
            case "crash" -> outcomes.stream().filter(p -> p.verdict().equals("KERNEL_CRASH")).count();
            case "timeout" -> outcomes.stream().filter(p -> p.verdict().equals("TIMEOUT")).count();
            case "flood" -> outcomes.stream().filter(p -> p.verdict().equals("LOG_FLOOD")).count();
            case "unload" -> outcomes.stream().filter(p -> p.detail().contains("would not unload")).count();
            default -> throw new IllegalArgumentException("no deduction per " + per);
        };
    }

    private static long warnings(Path parts) {
        if (!Files.isRegularFile(parts)) {
            return 0;
        }
        return SubmissionParts.read(parts).parts().stream().filter(p -> p.build() != null)
                .mapToLong(p -> p.build().warnings()).sum();
    }

    /** Every part's outcome.json under a run's raw/submission/, in part-folder order. */
    static List<PartOutcome> outcomes(Path sub) {
        if (!Files.isDirectory(sub)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sub)) {
            return s.map(d -> d.resolve(PartOutcome.FILE)).filter(Files::isRegularFile).sorted().map(PartOutcome::read).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
