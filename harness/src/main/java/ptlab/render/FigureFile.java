package ptlab.render;

import java.nio.file.Path;

/** A written figure: its stem, the assignment part it belongs to (part1, part2, pagetable) and files. */
public record FigureFile(String stem, String part, Path pdf, Path png) {
}
