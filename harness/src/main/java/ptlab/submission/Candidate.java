package ptlab.submission;

import java.nio.file.Path;
import java.util.List;

/**
 * One thing that could be a part, before the finder chooses: {@code file} is its main source, relative
 * to the top; a higher {@code score} is a stronger match of the same rule (both of a module's signals
 * rather than one, a device the module registers rather than any device).
 */
record Candidate(Part part, String file, String folder, String makefile, String buildFile, List<String> sources,
        String module, String reason, int score) {
    Candidate {
        sources = List.copyOf(sources);
    }

    PartResult.Found found() {
        return new PartResult.Found(part, Path.of(folder), makefile == null ? null : Path.of(makefile),
                buildFile == null ? null : Path.of(buildFile), sources.stream().map(Path::of).toList(), module, reason);
    }

    /** The seed's part this candidate sits in by its folders (part1/, Part_2/, p2/), 0 for none. */
    int partFolder() {
        int found = 0;
        String[] c = file.split("/");
        for (int i = 0; i < c.length - 1; i++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^(?:part|p)[-_ ]?([12])$").matcher(c[i]);
            if (m.matches()) {
                found = Integer.parseInt(m.group(1));
            }
        }
        return found;
    }

    /** Whether it has the name the seed gives this part (memalloc.c, lkp25p3.ko). */
    boolean seedNamed() {
        if (part.isModule()) {
            return part.seedName().equals(module);
        }
        return file.endsWith("/" + part.seedName()) || file.equals(part.seedName());
    }
}
