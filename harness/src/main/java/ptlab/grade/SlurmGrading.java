package ptlab.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ptlab.HarnessException;
import ptlab.json.Json;
import ptlab.plan.CellResources;
import ptlab.plan.Execution;
import ptlab.plan.RunPlan;
import ptlab.plan.RunPlanner;
import ptlab.plan.RunUnit;
import ptlab.progress.Progress;
import ptlab.run.Executor;
import ptlab.run.Executors;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;
import ptlab.slurm.Slurm;
import ptlab.slurm.Submission;

/**
 * A class graded on a Slurm cluster: the students' runs become the cells of one campaign (a cell per submission
 * and kernel, {@code campaigns/<stamp>/} in the grading folder), submitted as a job array, so {@code harness
 * status}, {@code cancel}, {@code resume} and requeueing work as for any campaign. {@code slurm.json} in the
 * grading folder says which cells are whose; a student is scored once all their cells have a run folder, by this
 * grading or the next {@code harness grade} of the same folder.
 */
final class SlurmGrading {
    /** The grading folder's record of its Slurm campaigns and whose cells they hold. */
    static final String FILE = "slurm.json";

    /** One student's cells in a campaign, and the grade key they were planned under. */
    record Student(String id, String key, List<String> cells) {
        Student {
            cells = List.copyOf(cells);
        }
    }

    /** A campaign submitted by a grading. */
    record Pending(String campaign, String submittedAt, List<Student> students) {
        Pending {
            students = List.copyOf(students);
        }
    }

    /** What a grading still waits for. */
    record Record(List<Pending> campaigns) {
        Record {
            campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
        }
    }

    /** A student to grade, with their own plan (one cell per kernel). */
    record Planned(Who.Entry entry, String key, RunPlan plan) {
    }

    private final Path dir;
    private final Progress progress;

    SlurmGrading(Path dir, Progress progress) {
        this.dir = dir;
        this.progress = progress;
    }

    /**
     * Scores every student of an earlier campaign whose cells have all ended, keyed as the grading now keys them
     * (a student whose submission changed since is graded again); returns the students still queued or running.
     */
    Set<String> collect(Map<String, Who.Entry> entries, Map<String, String> keys, Rubric rubric, Gradebook book,
            java.util.function.Consumer<StudentGrade> scored) {
        Set<String> running = new java.util.HashSet<>();
        List<Pending> left = new ArrayList<>();
        for (Pending p : read().campaigns()) {
            Path campaign = Path.of(p.campaign());
            boolean active = Files.isRegularFile(Submission.file(campaign))
                    && Slurm.queue(Submission.read(campaign).jobs()).stream().anyMatch(Slurm.Entry::active);
            List<Student> waiting = new ArrayList<>();
            for (Student s : p.students()) {
                List<Path> runs = s.cells().stream().map(campaign::resolve).toList();
                boolean ended = runs.stream().allMatch(r -> Files.isRegularFile(new RunFolder(r).manifest()));
                Who.Entry e = entries.get(s.id());
                if (ended && e != null && s.key().equals(keys.get(s.id()))) {
                    List<Scorer.Score> scores = runs.stream().map(r -> Scorer.score(rubric, r)).toList();
                    StudentGrade g = StudentGrade.of(e, s.key(), scores, seconds(runs));
                    book.save(g);
                    scored.accept(g);
                } else if (!ended && active) {
                    waiting.add(s);
                    running.add(s.id());
                }
                // a campaign that ended without a student's cells: graded again, in a new campaign
            }
            if (!waiting.isEmpty()) {
                left.add(new Pending(p.campaign(), p.submittedAt(), waiting));
            }
        }
        write(new Record(left));
        return running;
    }

    /** Submits the students' cells as one campaign; the grading folder records whose cells are whose. */
    Executor.Started submit(String experiment, List<Planned> students, CellResources resources) {
        RunPlan first = students.get(0).plan();
        String stamp = first.units().get(0).runId().substring(0, RunPlanner.STAMP_LENGTH);
        Path campaign = dir.toAbsolutePath().normalize().resolve("campaigns").resolve(stamp);
        if (Files.exists(campaign)) {
            throw HarnessException.usage("the grading folder already has a campaign " + campaign + "; wait a second and"
                    + " grade again");
        }
        List<RunUnit> units = new ArrayList<>();
        List<Student> whose = new ArrayList<>();
        for (Planned p : students) {
            List<String> cells = new ArrayList<>();
            for (RunUnit u : p.plan().units()) {
                String id = RunPlanner.runId(stamp + "-" + p.entry().id(), u.image(), u.repetition());
                units.add(u.forSubmission(id, campaign.resolve(id), p.plan().spec().submission().path()));
                cells.add(id);
            }
            whose.add(new Student(p.entry().id(), p.key(), cells));
        }
        ptlab.spec.ExperimentSpec s = first.spec();
        ptlab.spec.ExperimentSpec spec = new ptlab.spec.ExperimentSpec(experiment, s.author(), s.images(), s.vm(),
                s.repetitions(), s.workloads(), s.submission());
        RunPlan plan = new RunPlan(first.planVersion(), first.createdAt(), first.specFile(), first.specSha256(),
                first.repoRoot(), first.overrides(), first.execution(), spec, units)
                .withExecution(new Execution("slurm", 1, first.execution().builds(), resources));
        Executor slurm = Executors.byName("slurm");
        Executor.Started started = slurm.submit(plan, progress);
        List<Pending> all = new ArrayList<>(read().campaigns());
        all.add(new Pending(campaign.toString(), Instant.now().toString(), whose));
        write(new Record(all));
        return started;
    }

    /** Follows a submitted campaign to its end (its assembly included). */
    static void follow(Executor.Started started, Progress progress) {
        Executors.byName("slurm").follow(started, progress);
    }

    Record read() {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return new Record(List.of());
        }
        try {
            return Json.read(f, Record.class);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + f + ": " + e.getMessage() + "; remove it to grade its students"
                    + " again");
        }
    }

    private void write(Record r) {
        Path f = dir.resolve(FILE);
        try {
            if (r.campaigns().isEmpty()) {
                Files.deleteIfExists(f);
                return;
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + f + ": " + e.getMessage(), e);
        }
        Json.write(f, r);
    }

    /** A student's time: their cells' run times, from each manifest's start and end. */
    private static double seconds(List<Path> runs) {
        double s = 0;
        for (Path r : runs) {
            Manifest m = Manifest.read(new RunFolder(r).manifest());
            if (m.startedAt() != null && m.finishedAt() != null) {
                s += Duration.between(Instant.parse(m.startedAt()), Instant.parse(m.finishedAt())).toMillis() / 1000.0;
            }
        }
        return Math.round(s * 10) / 10.0;
    }

    /** Students by ID. */
    static Map<String, Who.Entry> byId(List<Who.Entry> entries) {
        Map<String, Who.Entry> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.id(), e));
        return m;
    }
}
