package ptlab.submission;

import java.nio.file.Path;
import java.util.List;

/** What the finder concluded about one part: found, missing or ambiguous, each saying why. */
public sealed interface PartResult {
    Part part();

    /**
     * @param folder    the folder its main source is in, relative to the submission's top
     * @param makefile  where {@code make} runs for it, null when no Makefile is there
     * @param buildFile the Makefile or Kbuild that names it (obj-m for a module), null when none does
     * @param sources   its sources: the main file, the local headers it includes and their .c files
     * @param module    the module name from obj-m (no .ko), null for programs
     * @param reason    why this one, in words a student can check
     */
    record Found(Part part, Path folder, Path makefile, Path buildFile, List<Path> sources, String module, String reason)
            implements PartResult {
        public Found {
            sources = List.copyOf(sources);
        }
    }

    /** @param why what was looked for and what came closest */
    record Missing(Part part, String why) implements PartResult {
    }

    /** @param candidates each with its reason; {@code hint} names the option that settles it */
    record Ambiguous(Part part, List<Found> candidates, String hint) implements PartResult {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }
}
