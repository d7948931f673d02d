package ptlab.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.analysis.Fmt;
import ptlab.files.RepoRoot;
import ptlab.files.Sha256;
import ptlab.plan.CellResources;
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
    private final LoadedSpec spec;
    /** The part of every grade's key that is the grading's own: rubric, spec and images. */
    private final String setting;
    private int ungraded;
    private CellResources slurm;
    private boolean await;
    private int pending;
    private int parts = 1;

    /**
     * @param similarAbove JPlag similarity (0 to 1) from which a pair of submissions is listed for a person to read
     * @param jobs         submissions graded at once (each boots its own guests)
     */
    public Grader(Rubric.Loaded rubric, List<String> images, Path dir, double similarAbove, int jobs, Progress progress,
            java.io.PrintWriter out) {
        this.similarAbove = similarAbove;
        // loaded once: a spec that cannot run stops the grading before any submission
        this.spec = SpecLoader.load(rubric.spec(), RepoRoot.find());
        this.setting = "rubric " + Sha256.of(rubric.file()) + "\nspec " + spec.sha256() + "\nimages "
                + (images == null ? "spec" : String.join(",", images)) + "\n";
        this.jobs = jobs;
        this.rubric = rubric;
        this.images = images;
        this.book = new Gradebook(dir, rubric);
        this.progress = progress;
        this.out = out;
    }

    /** Runs {@code n} of a submission's parts at once, each in its own guest. */
    public Grader partsAtOnce(int n) {
        this.parts = n;
        return this;
    }

    /**
     * Grades on a Slurm cluster instead of here: the students' runs become one campaign's cells, each asking
     * for {@code resources}; with {@code await} the grading follows the campaign to its end.
     */
    public Grader onSlurm(CellResources resources, boolean await) {
        this.slurm = resources;
        this.await = await;
        return this;
    }

    /** Grades what needs grading, then writes the gradebook, the feedback and the class report; returns the gradebook. */
    public Gradebook grade(Who.Collected subs) {
        book.notes(subs.notes());
        subs.notes().forEach(n -> out.println("note: " + n));
        java.util.Map<String, String> keys = new java.util.HashMap<>();
        subs.entries().forEach(e -> keys.put(e.id(), key(e)));
        SlurmGrading cluster = new SlurmGrading(book.dir(), progress);
        long t0 = System.nanoTime();
        java.util.Set<String> running = cluster.collect(SlurmGrading.byId(subs.entries()), keys, rubric.rubric(), book,
                g -> report(g.id(), g, 0, 0, t0));
        List<Who.Entry> todo = new ArrayList<>();
        for (Who.Entry e : subs.entries()) {
            StudentGrade saved = book.saved(e.id());
            if (running.contains(e.id())) {
                out.printf("%-16s still running in its Slurm campaign (see %s)%n", e.id(), SlurmGrading.FILE);
            } else if (saved != null && saved.key().equals(keys.get(e.id()))) {
                out.printf("%-16s %6s / %s  unchanged, not graded again%n", e.id(), Gradebook.num(saved.total()),
                        Gradebook.num(saved.max()));
            } else {
                todo.add(e);
            }
        }
        out.flush();
        if (slurm == null) {
            gradeHere(todo, keys);
        } else if (!todo.isEmpty()) {
            pending = gradeOnSlurm(cluster, todo, keys, subs.entries());
        } else {
            pending = running.size();
        }
        progress.phase("comparing the sources of " + subs.entries().size() + " submission(s) (JPlag)");
        // an unchanged student's sources were kept when it was graded
        subs.entries().stream().filter(e -> todo.contains(e) || !Files.isDirectory(Similarity.kept(book.dir(), e.id())))
                .forEach(e -> Similarity.keep(book.dir(), e));
        List<Similarity.Pair> similar = Similarity.compare(book.dir(), reference(), similarAbove);
        book.export(subs.entries().stream().map(Who.Entry::id).toList(), similar);
        return book;
    }

    /** Students whose cells are still queued or running on Slurm after this grading. */
    public int pending() {
        return pending;
    }

    private int gradeOnSlurm(SlurmGrading cluster, List<Who.Entry> todo, java.util.Map<String, String> keys,
            List<Who.Entry> all) {
        long t0 = System.nanoTime();
        List<SlurmGrading.Planned> planned = new ArrayList<>();
        for (Who.Entry e : todo) {
            try {
                planned.add(new SlurmGrading.Planned(e, keys.get(e.id()), plan(withSubmission(e))));
            } catch (HarnessException ex) {
                StudentGrade g = StudentGrade.unplanned(e, keys.get(e.id()), rubric.rubric(), ex.getMessage(), 0);
                book.save(g);
                report(e.id(), g, 0, 0, t0);
            }
        }
        if (planned.isEmpty()) {
            return 0;
        }
        Executor.Started started = cluster.submit(spec.spec().experiment(), planned, slurm);
        started.lines().forEach(out::println);
        out.flush();
        if (!await) {
            out.println("grade the same folder again once the campaign has ended: it scores the students whose cells"
                    + " have ended and writes the gradebook");
            out.flush();
            return planned.size();
        }
        SlurmGrading.follow(started, progress);
        java.util.Set<String> left = cluster.collect(SlurmGrading.byId(all), keys, rubric.rubric(), book,
                g -> report(g.id(), g, 0, 0, t0));
        return left.size();
    }

    private void gradeHere(List<Who.Entry> todo, java.util.Map<String, String> keys) {
        long t0 = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            Who.Entry e = todo.get(i);
            int n = i + 1;
            tasks.add(() -> {
                progress.phase("grading " + e.id() + " (" + n + " of " + todo.size() + ")");
                StudentGrade g = gradeOne(e, keys.get(e.id()));
                if (g != null) {
                    book.save(g);
                }
                report(e.id(), g, done.incrementAndGet(), todo.size(), t0);
                return null;
            });
        }
        ptlab.run.AtOnce.run(tasks, jobs);
    }

    /** A line per student as it finishes: the score, its time, and the time the rest should take. */
    private synchronized void report(String id, StudentGrade g, int done, int total, long t0) {
        double leftS = (System.nanoTime() - t0) / 1e9 / done * (total - done);
        String left = done >= total ? "" : leftS < 120 ? Fmt.f(", about %.0f s left", leftS)
                : Fmt.f(", about %.0f min left", leftS / 60);
        if (g == null) {
            ungraded++;
            out.printf("%-16s not graded: the harness could not finish the run (see above); graded on the next run%s%n",
                    id, left);
        } else {
            out.printf("%-16s %6s / %s%s  %.0f s%s%n", id, Gradebook.num(g.total()), Gradebook.num(g.max()),
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

    private StudentGrade gradeOne(Who.Entry e, String key) {
        long t0 = System.nanoTime();
        RunPlan plan;
        try {
            plan = plan(withSubmission(e));
        } catch (HarnessException ex) {
            // a submission that cannot even be planned (an archive refused) is the student's
            return StudentGrade.unplanned(e, key, rubric.rubric(), ex.getMessage(), seconds(t0));
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
        return StudentGrade.of(e, key, scores, seconds(t0));
    }

    /** The rubric's spec running student {@code e}'s submission, in results/<experiment>-<ID>/ (each student's runs apart). */
    private LoadedSpec withSubmission(Who.Entry e) {
        LoadedSpec l = spec;
        SubmissionSpec sub = new SubmissionSpec(e.path().toAbsolutePath().normalize().toString(), rubric.rubric().assignment(),
                null, rubric.rubric().timeLimitS());
        ptlab.spec.ExperimentSpec s = l.spec();
        ptlab.spec.ExperimentSpec mine = new ptlab.spec.ExperimentSpec(s.experiment() + "-" + e.id(), s.author(), s.images(),
                s.vm(), s.repetitions(), s.workloads(), sub);
        return new LoadedSpec(l.file(), l.sha256(), l.repoRoot(), mine, l.images(), l.doc());
    }

    /** The student's run plan (a second whose run folder is free, should an interrupted grading have used this one). */
    private RunPlan plan(LoadedSpec spec) {
        return RunPlanner.plan(spec, new Overrides(null, images, null, null, null), Clock.systemUTC(),
                Path.of("").toAbsolutePath()).withExecution(Execution.LOCAL.withPartsAtOnce(parts));
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    }

    /** What a saved grade depends on: the submission's bytes, then the rubric, the spec and the images asked for. */
    String key(Who.Entry e) {
        return Sha256.of("submission " + content(e.path()) + "\n" + setting);
    }

    static String content(Path p) {
        if (!Files.isDirectory(p)) {
            return Sha256.of(p);
        }
        StringBuilder s = new StringBuilder();
        try {
            ptlab.files.Trees.hashes(p).forEach((rel, sha) -> s.append(rel).append(' ').append(sha).append('\n'));
        } catch (IOException ex) {
            throw HarnessException.usage("cannot read " + p + ": " + ex.getMessage());
        }
        return Sha256.of(s.toString());
    }
}
