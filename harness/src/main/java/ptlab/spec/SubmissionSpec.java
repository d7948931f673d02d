package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A student's implementation to run instead of the project's own {@code kmod/} and {@code workloads/}:
 * the spec's {@code submission:} or {@code harness run --submission PATH}. The harness drives it only
 * through the assignments' interfaces and judges it against truths it takes itself.
 *
 * @param path       required; a folder, .tar.gz, .tgz or .zip; relative to the spec file's folder (to the
 *     current folder on the command line); absolute once planned
 * @param assignment which parts to look for: lkp25-p3 (the default), pagetable or all
 * @param parts      part name -> a folder or file inside the submission, for a part the finder cannot
 *     settle alone (the same as {@code --part NAME=PATH})
 * @param timeLimitS seconds each of the student's programs and each write to their /proc file may take
 *     beyond the workload's own duration; default {@value #TIME_LIMIT_S}
 */
public record SubmissionSpec(String path, String assignment, Map<String, String> parts,
        @JsonProperty("time_limit_s") Integer timeLimitS) {
    public static final int TIME_LIMIT_S = 60;
    static final List<String> ASSIGNMENTS = List.of("lkp25-p3", "pagetable", "all");

    public SubmissionSpec {
        parts = parts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        assignment = assignment == null ? ASSIGNMENTS.get(0) : assignment;
        timeLimitS = timeLimitS == null ? TIME_LIMIT_S : timeLimitS;
    }

    /** This submission with {@code path} resolved against {@code base}, absolute and normalised. */
    public SubmissionSpec resolvedAgainst(Path base) {
        return new SubmissionSpec(base.resolve(path).toAbsolutePath().normalize().toString(), assignment, parts,
                timeLimitS);
    }

    /** This submission with more part overrides ({@code NAME=PATH}) taking precedence. */
    public SubmissionSpec withParts(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(parts);
        all.putAll(more);
        return new SubmissionSpec(path, assignment, all, timeLimitS);
    }

    /** Reports each problem as (field, message); {@code specDir} resolves a relative path. */
    void check(Path specDir, BiConsumer<String, String> error) {
        if (path == null || path.isBlank()) {
            error.accept("submission.path", "required: a folder, .tar.gz, .tgz or .zip with the student's code");
        } else if (!Files.exists(specDir.resolve(path))) {
            error.accept("submission.path", "no such file or folder: " + specDir.resolve(path).normalize());
        }
        if (!ASSIGNMENTS.contains(assignment)) {
            error.accept("submission.assignment", "must be one of " + ASSIGNMENTS + ", got '" + assignment + "'");
        }
        if (timeLimitS < 1 || timeLimitS > 3600) {
            error.accept("submission.time_limit_s", "must be 1 to 3600 seconds, got " + timeLimitS);
        }
    }
}
