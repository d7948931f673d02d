package ptlab.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.analysis.Fmt;
import ptlab.files.RepoRoot;
import ptlab.files.Sha256;
import ptlab.plan.Execution;
import ptlab.plan.Overrides;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.progress.Progress;
import ptlab.run.Executor;
import ptlab.run.Executors;
import ptlab.run.RunOrchestrator;
import ptlab.spec.LoadedSpec;
import ptlab.spec.SpecLoader;
import ptlab.spec.SubmissionSpec;

/**
 * Grades a class: each submission run as {@code harness run SPEC --submission} runs one (the rubric's spec, one
 * cell per image), scored by the rubric, its grade written as soon as it is known. A submission whose content,
 * rubric, spec and images are those of its saved grade is not run again, so a killed grading goes on where it
 * stopped and a late submission is graded alone. A run the harness itself could not finish (an infrastructure
 * error) is not saved: the next grading tries it again.
 */
public final class Grader {
    private final Rubric.Loaded rubric;
    private final List<String> images;
    private final Gradebook book;
    private final Progress progress;
    private final java.io.PrintWriter out;
    private final double similarAbove;
    private final int jobs;
    private int ungraded;

    /**
     * @param similarAbove JPlag similarity (0 to 1) from which a pair of submissions is listed for a person to read
     * @param jobs         submissions graded at once (each boots its own guests)
     */
    public Grader(Rubric.Loaded rubric, List<String> images, Path dir, double similarAbove, int jobs, Progress progress,
            java.io.PrintWriter out) {
        this.similarAbove = similarAbove;
        this.jobs = jobs;
        this.rubric = rubric;
        this.images = images;
        this.book = new Gradebook(dir, rubric);
        this.progress = progress;
        this.out = out;
    }

    /** Grades what needs grading, then writes the gradebook, the feedback and the class report; returns the gradebook. */
    public Gradebook grade(Who.Collected subs) {
        book.notes(subs.notes());
        subs.notes().forEach(n -> out.println("note: " + n));
        List<Who.Entry> todo = new ArrayList<>();
        for (Who.Entry e : subs.entries()) {
            StudentGrade saved = book.saved(e.id());
            if (saved != null && saved.key().equals(key(e))) {
                out.printf("%-16s %6s / %s  unchanged, not graded again%n", e.id(), Gradebook.num(saved.total()),
                        Gradebook.num(saved.max()));
            } else {
                todo.add(e);
            }
        }
        out.flush();
        long t0 = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                Who.Entry e = todo.get(i);
                int n = i + 1;
                futures.add(pool.submit(() -> {
                    progress.phase("grading " + e.id() + " (" + n + " of " + todo.size() + ")");
                    StudentGrade g = gradeOne(e);
                    if (g != null) {
                        book.save(g);
                    }
                    report(e, g, done.incrementAndGet(), todo.size(), t0);
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw HarnessException.infra("grading interrupted", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw HarnessException.infra("grading failed: " + ex.getCause(), ex.getCause());
        } finally {
            pool.shutdownNow();
        }
        progress.phase("comparing the sources of " + subs.entries().size() + " submission(s) (JPlag)");
        subs.entries().forEach(e -> Similarity.keep(book.dir(), e));
        List<Similarity.Pair> similar = Similarity.compare(book.dir(), reference(), similarAbove);
        book.export(subs.entries().stream().map(Who.Entry::id).toList(), similar);
        return book;
    }

    /** A line per student as it finishes: the score, its time, and the time the rest should take. */
    private synchronized void report(Who.Entry e, StudentGrade g, int done, int total, long t0) {
        double leftS = (System.nanoTime() - t0) / 1e9 / done * (total - done);
        String left = done >= total ? "" : leftS < 120 ? Fmt.f(", about %.0f s left", leftS)
                : Fmt.f(", about %.0f min left", leftS / 60);
        if (g == null) {
            ungraded++;
            out.printf("%-16s not graded: the harness could not finish the run (see above); graded on the next run%s%n",
                    e.id(), left);
        } else {
            out.printf("%-16s %6s / %s%s  %.0f s%s%n", e.id(), Gradebook.num(g.total()), Gradebook.num(g.max()),
                    g.needsReview() ? "  (needs review)" : "", g.seconds(), left);
        }
        out.flush();
    }

    /** Students whose run the harness could not finish in this grading (not saved: graded on the next run). */
    public synchronized int ungraded() {
        return ungraded;
    }

    /** The reference's sources for the rubric's assignment, copied to similarity/base/: JPlag's base code. */
    private Path reference() {
        Path base = book.dir().resolve("similarity/base");
        Path root = RepoRoot.find();
        List<String> files = rubric.rubric().assignment().equals("pagetable")
                ? List.of("kmod/pagetable", "kmod/common", "workloads/getpfn.c", "workloads/common.c", "workloads/common.h")
                : List.of("kmod/lkp25p3", "kmod/common", "workloads/memalloc.c", "workloads/pagemap.c", "workloads/common.c",
                        "workloads/common.h");
        try {
            if (Files.exists(base)) {
                ptlab.files.Trees.delete(base);
            }
            for (String f : files) {
                Path from = root.resolve(f);
                Path to = base.resolve(f.replace('/', '_'));
                if (Files.isDirectory(from)) {
                    ptlab.files.Trees.copy(from, to);
                } else if (Files.isRegularFile(from)) {
                    Files.createDirectories(base);
                    Files.copy(from, to);
                }
            }
        } catch (IOException ex) {
            throw HarnessException.infra("cannot copy the reference to " + base + ": " + ex.getMessage(), ex);
        }
        return base;
    }

    private StudentGrade gradeOne(Who.Entry e) {
        long t0 = System.nanoTime();
        LoadedSpec l = SpecLoader.load(rubric.spec(), RepoRoot.find());
        SubmissionSpec sub = new SubmissionSpec(e.path().toAbsolutePath().normalize().toString(), rubric.rubric().assignment(),
                null, rubric.rubric().timeLimitS());
        // results/<experiment>-<ID>/: each student's runs apart, and no two gradings at once share a run folder
        ptlab.spec.ExperimentSpec s = l.spec();
        ptlab.spec.ExperimentSpec mine = new ptlab.spec.ExperimentSpec(s.experiment() + "-" + e.id(), s.author(), s.images(),
                s.vm(), s.repetitions(), s.workloads(), sub);
        LoadedSpec withSub = new LoadedSpec(l.file(), l.sha256(), l.repoRoot(), mine, l.images(), l.doc());
        RunPlan plan;
        try {
            plan = plan(withSub);
        } catch (HarnessException ex) {
            // a submission that cannot even be planned (an ambiguous part, an archive refused) is the student's
            return StudentGrade.unplanned(e, key(e), rubric.rubric(), ex.getMessage(), seconds(t0));
        }
        Executor ex = Executors.byName("local");
        Executor.Started started = ex.submit(plan, progress.forCell(e.id()));
        List<Scorer.Score> scores = new ArrayList<>();
        for (RunOrchestrator.UnitResult r : started.results()) {
            if (r.outcome() == Outcome.INFRA_ERROR || r.outcome() == Outcome.USAGE_ERROR) {
                synchronized (this) {
                    out.println("  " + e.id() + ": " + r.outcome() + ": " + r.message().replace("\n", "\n  "));
                }
                return null;
            }
            scores.add(Scorer.score(rubric.rubric(), r.unit().outputDir()));
        }
        return StudentGrade.of(e, key(e), scores, seconds(t0));
    }

    /**
     * The student's run plan. Run folders are named by the second: a grading started again within the second an
     * interrupted one began this student's run would meet its half-written folder, so it waits for the next second.
     */
    private RunPlan plan(LoadedSpec spec) {
        for (int attempt = 0;; attempt++) {
            RunPlan plan = RunPlanner.plan(spec, new Overrides(null, images, null, null, null), Clock.systemUTC(),
                    Path.of("").toAbsolutePath()).withExecution(Execution.LOCAL);
            if (attempt >= 3 || plan.units().stream().noneMatch(u -> Files.exists(u.outputDir()))) {
                return plan;
            }
            ptlab.host.Sleep.sleep(1000);
        }
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    }

    /** What a saved grade depends on: the submission's bytes, the rubric, the spec and the images asked for. */
    String key(Who.Entry e) {
        StringBuilder s = new StringBuilder();
        s.append("submission ").append(content(e.path())).append('\n');
        s.append("rubric ").append(Sha256.of(rubric.file())).append('\n');
        s.append("spec ").append(Sha256.of(rubric.spec())).append('\n');
        s.append("images ").append(images == null ? "spec" : String.join(",", images)).append('\n');
        return Sha256.of(s.toString());
    }

    static String content(Path p) {
        if (!Files.isDirectory(p)) {
            return Sha256.of(p);
        }
        StringBuilder s = new StringBuilder();
        try (Stream<Path> w = Files.walk(p)) {
            for (Path f : w.filter(Files::isRegularFile).sorted().toList()) {
                s.append(p.relativize(f)).append(' ').append(Sha256.of(f)).append('\n');
            }
        } catch (IOException ex) {
            throw HarnessException.usage("cannot read " + p + ": " + ex.getMessage());
        }
        return Sha256.of(s.toString());
    }
}
