package ptlab.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.spec.ExperimentSpec;
import ptlab.spec.LoadedSpec;
import ptlab.spec.SubmissionSpec;
import ptlab.submission.PartOverride;

/**
 * The submission a plan runs: the spec's {@code submission:} (its path relative to the spec file) or
 * {@code --submission} (relative to the current folder), with {@code --part} answers added, the path made
 * absolute so plan.json means the same files wherever a cell runs.
 */
final class SubmissionPlanning {
    private SubmissionPlanning() {
    }

    static ExperimentSpec apply(LoadedSpec loaded, ExperimentSpec spec, Overrides overrides, Path currentFolder) {
        SubmissionSpec s = spec.submission();
        if (s != null) {
            s = s.resolvedAgainst(loaded.file().getParent());
        }
        if (overrides.submission() != null) {
            Path p = currentFolder.resolve(overrides.submission()).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw HarnessException.usage("--submission " + overrides.submission() + ": no such file or folder ("
                        + p + ")");
            }
            s = s == null ? new SubmissionSpec(p.toString(), null, null, null)
                    : new SubmissionSpec(p.toString(), s.assignment(), s.parts(), s.timeLimitS());
        }
        if (overrides.parts() != null) {
            if (s == null) {
                throw HarnessException.usage("--part settles a part of a submission: give --submission PATH too");
            }
            Map<String, String> parts = new LinkedHashMap<>();
            for (String text : overrides.parts()) {
                PartOverride o = PartOverride.parse(text);
                parts.put(o.part().id(), o.path());
            }
            s = s.withParts(parts);
        }
        return s == null ? spec : spec.withSubmission(s);
    }
}
