package ptlab.runfolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import ptlab.HarnessException;
import ptlab.json.Json;

/**
 * raw/submission/parts.json: which parts of the assignment the harness found in the submission, and how
 * each built.
 */
public record SubmissionParts(String assignment, List<Part> parts, List<String> trials) {
    public static final String FILE = "parts.json";

    /**
     * @param trials the parts the run drove (translate, vma, access, pagetable), in order; null in files
     *               written before runs said so, which drove translate, vma and access
     */
    public SubmissionParts {
        assignment = Objects.requireNonNullElse(assignment, "");
        parts = parts == null ? List.of() : List.copyOf(parts);
        trials = trials == null ? List.of("translate", "vma", "access") : List.copyOf(trials);
    }

    public SubmissionParts(String assignment, List<Part> parts) {
        this(assignment, parts, null);
    }

    /**
     * One part.
     *
     * @param state   found, missing or ambiguous
     * @param build   null when the harness did not record a build
     */
    public record Part(String part, String state, String detail, Build build) {
        public Part {
            part = Objects.requireNonNullElse(part, "");
            state = Objects.requireNonNullElse(state, "");
            detail = Objects.requireNonNullElse(detail, "");
        }

        public boolean found() {
            return "found".equals(state);
        }

        /** Several candidates: neither built nor run, a person decides. */
        public boolean ambiguous() {
            return "ambiguous".equals(state);
        }
    }

    /**
     * A part's build.
     *
     * @param verdict          BUILT, BUILD_FAILED or NOT_BUILT
     * @param builtBy          native-sandbox or guest
     * @param warningsByFile   compiler warnings per source file, sorted by file
     * @param excerpt          the compiler's lines that matter
     */
    public record Build(String verdict, String builtBy, int warnings, Map<String, Integer> warningsByFile, String excerpt) {
        public static final String BUILT = "BUILT";
        public static final String FAILED = "BUILD_FAILED";

        public Build {
            verdict = Objects.requireNonNullElse(verdict, "");
            builtBy = Objects.requireNonNullElse(builtBy, "");
            warningsByFile = warningsByFile == null ? Map.of() : new TreeMap<>(warningsByFile);
            excerpt = Objects.requireNonNullElse(excerpt, "");
        }
    }

    public static SubmissionParts read(Path file) {
        try {
            return Json.read(file, SubmissionParts.class);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
