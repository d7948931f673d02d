package ptlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import ptlab.HarnessException;
import ptlab.files.Trees;
import ptlab.spec.SubmissionSpec;
import ptlab.submission.Findings;
import ptlab.submission.PartFinder;
import ptlab.submission.SafeUnpacker;
import ptlab.submission.Unpacked;

/**
 * Puts a submission beside the harness's staged sources, at {@code submission/}: unpacked safely (the
 * limits and refusals of {@link SafeUnpacker}), every file kept (a student's Kbuild may be named anything),
 * and its parts found again, as the plan found them from the same bytes.
 */
final class SubmissionStage {
    /** The staged copy's files as {@code submission/<path>} -> sha256, and the parts found in it. */
    record Staged(Map<String, String> hashes, Findings findings) {
    }

    private SubmissionStage() {
    }

    static Staged stage(SubmissionSpec sub, Path stagedSources) {
        Path target = stagedSources.resolve("submission");
        try {
            Files.createDirectories(stagedSources);
            Unpacked u = new SafeUnpacker().unpack(Path.of(sub.path()), stagedSources);
            if (Files.exists(target)) {
                Trees.delete(target);
            }
            Files.move(u.root(), target);
            Map<String, String> hashes = new TreeMap<>();
            Trees.hashes(target).forEach((rel, sha) -> hashes.put("submission/" + rel, sha));
            Findings f = PartFinder.find(target, sub.assignment(), sub.parts());
            return new Staged(hashes, f);
        } catch (IOException e) {
            throw HarnessException.infra("cannot stage the submission " + sub.path() + " into " + target + ": "
                    + e.getMessage(), e);
        }
    }
}
