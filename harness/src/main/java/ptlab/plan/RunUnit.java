package ptlab.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.List;
import ptlab.runfolder.RunFolder;

/**
 * One run of the matrix: one image, one repetition, one guest boot.
 *
 * @param runId {@code <yyyyMMdd-HHmmss>-<image>-r<repetition>}, e.g. 20261124-010203-bookworm-r1; unique
 *     within a plan, and across plans made at different seconds
 * @param image image name, e.g. bookworm
 * @param recipe absolute path of the image recipe
 * @param repetition 1-based
 * @param outputDir absolute results/&lt;experiment&gt;/&lt;run-id&gt;/ under the repository root
 * @param steps what the run does, in order
 * @param submission the submission this run stages instead of the spec's (a grading campaign, whose cells are
 *     different students' runs); null: the spec's own, if any
 */
public record RunUnit(String runId, String image, Path recipe, int repetition, Path outputDir, List<Step> steps,
        @JsonInclude(JsonInclude.Include.NON_NULL) String submission) {
    public RunUnit {
        steps = List.copyOf(steps);
    }

    public RunUnit(String runId, String image, Path recipe, int repetition, Path outputDir, List<Step> steps) {
        this(runId, image, recipe, repetition, outputDir, steps, null);
    }

    /** The same run writing to another folder (a staging folder that is renamed once complete). */
    public RunUnit withOutputDir(Path dir) {
        return new RunUnit(runId, image, recipe, repetition, dir, steps, submission);
    }

    /** The same run, called {@code id}, in {@code dir}, staging {@code path} as its submission. */
    public RunUnit forSubmission(String id, Path dir, String path) {
        return new RunUnit(id, image, recipe, repetition, dir, steps, path);
    }

    /** This run's folder. */
    public RunFolder folder() {
        return new RunFolder(outputDir);
    }

    /** The step called {@code name}, if the run has it. */
    public java.util.Optional<Step> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
