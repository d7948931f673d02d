package ptlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.grade.Gradebook;
import ptlab.grade.Grader;
import ptlab.grade.Rubric;
import ptlab.grade.Who;
import ptlab.progress.Progress;

/** {@code harness grade SUBMISSIONS... --rubric FILE}: a class graded, a gradebook, feedback and a class report. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grade submissions with a rubric: each run as `harness run --submission` runs one (sandboxed"
                + " builds, each part in a fresh guest), scored, its grade and feedback written as soon as it is known."
                + " Grading the same folder again runs only submissions whose bytes, rubric, spec or images changed; an"
                + " interrupted grading goes on where it stopped. Writes grades.csv, grades.json,"
                + " students/<ID>/feedback.{md,html,pdf}, class-report.md and similarity.md.")
public final class GradeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SUBMISSION", description = "submissions (.tar.gz, .tgz, .zip or a folder), or"
            + " folders of them (a bulk download, one folder per student)")
    List<Path> submissions;

    @Option(names = "--rubric", required = true, paramLabel = "FILE", description = "the rubric, e.g."
            + " experiments/rubrics/lkp25p3-quick.yaml")
    Path rubric;

    @Option(names = "--image", split = ",", description = "Override the rubric's spec's images (comma separated recipe"
            + " names): each submission is graded on each, its total the lowest.")
    List<String> images;

    @Option(names = "--similar-above", defaultValue = "0.5", paramLabel = "SHARE", description = "List pairs of"
            + " submissions whose C sources JPlag finds at least this similar (0 to 1; default: ${DEFAULT-VALUE}), the"
            + " reference's sources as base code: for a person to judge, never a score.")
    double similarAbove;

    @Option(names = "--jobs", defaultValue = "1", description = "Submissions graded at once (default: ${DEFAULT-VALUE});"
            + " each boots its own guests with the spec's vCPUs and memory.")
    int jobs;

    @Option(names = "--parts-at-once", paramLabel = "N", defaultValue = "1", description = "Run N of a submission's"
            + " parts at once, each in its own guest (default: ${DEFAULT-VALUE}); with --jobs, up to jobs x N guests.")
    int partsAtOnce;

    @Option(names = "--gradescope", paramLabel = "FILE", description = "Gradescope's autograder: the inputs are one"
            + " student's submission; also write its grade as Gradescope's results.json to FILE (see gradescope/).")
    Path gradescope;

    @Option(names = "--executor", defaultValue = "local", description = "Where the students' runs go: local (this"
            + " machine, --jobs at once) or slurm (one campaign, a cell per submission and kernel, as `harness run"
            + " --executor slurm` submits; `harness status`, `cancel` and `resume` take its folder, campaigns/<stamp>/)."
            + " Without --wait, grade the same folder again once it has ended.")
    String executor;

    @Option(names = "--wait", description = "With --executor slurm: follow the campaign to its end, then write the"
            + " gradebook.")
    boolean await;

    @Mixin
    SlurmMixin slurmOptions = new SlurmMixin();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "the grading folder (default:"
            + " grades/<rubric name>)")
    Path outputDir;

    @Override
    public Integer call() {
        if (!(similarAbove >= 0 && similarAbove <= 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--similar-above must be 0 to 1, got "
                    + similarAbove);
        }
        if (partsAtOnce < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parts-at-once must be at least 1, got "
                    + partsAtOnce);
        }
        if (jobs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + jobs);
        }
        if (!executor.equals("local") && !executor.equals("slurm")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--executor is local or slurm, got "
                    + executor);
        }
        if (await && executor.equals("local")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--wait is for --executor slurm; the local"
                    + " executor always waits");
        }
        Rubric.Loaded r = Rubric.load(rubric);
        Who.Collected subs = Who.collect(submissions);
        if (gradescope != null && subs.entries().size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--gradescope grades one student's"
                    + " submission; the inputs hold " + subs.entries().size() + ": " + String.join(", ",
                    subs.entries().stream().map(e -> e.path().getFileName().toString()).toList()));
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = outputDir != null ? outputDir : Path.of("grades", r.rubric().rubric());
        out.println("grading " + subs.entries().size() + " submission(s) with " + r.file() + " into " + dir);
        out.flush();
        Grader grader = new Grader(r, images, dir, similarAbove, jobs, Progress.stderr(), out).partsAtOnce(partsAtOnce);
        if (executor.equals("slurm")) {
            grader.onSlurm(slurmOptions.options(), await);
        }
        Gradebook book = grader.grade(subs);
        if (gradescope != null) {
            String id = subs.entries().get(0).id();
            if (!Gradebook.writeGradescope(book, id, gradescope)) {
                out.println("not graded: the harness could not finish the run; " + gradescope + " says so");
                out.flush();
                return ptlab.Outcome.INFRA_ERROR.exitCode();
            }
            out.println("gradescope: " + gradescope);
        }
        out.println("gradebook: " + book.dir().resolve(Gradebook.CSV));
        out.println("class report: " + book.dir().resolve("class-report.md"));
        out.println("feedback: " + book.dir().resolve("students") + "/<ID>/feedback.md");
        if (grader.pending() > 0) {
            out.println(grader.pending() + " submission(s) still queued or running on Slurm: grade the same folder again"
                    + " once the campaign has ended");
            out.flush();
            return StatusCommand.STILL_RUNNING;
        }
        if (grader.ungraded() > 0) {
            out.println(grader.ungraded() + " submission(s) not graded (an infrastructure error, see above): grade the"
                    + " same folder again to finish");
            out.flush();
            return ptlab.Outcome.INFRA_ERROR.exitCode();
        }
        out.flush();
        return 0;
    }
}
