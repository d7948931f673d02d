package ptlab.submission;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Which seed a submission answers, and so which parts it must have. */
public enum Assignment {
    /** {@code ${PID}-lkp25-p3.tar.gz}: part1/*.[ch], part2/*.[ch], a Makefile. */
    LKP25_P3("lkp25-p3", List.of(Part.MEMALLOC, Part.PAGEMAP, Part.LKP25P3, Part.PART2_MEMALLOC)),
    /** The pagetable assignment: the module (parts A and B) and its user program. */
    PAGETABLE("pagetable", List.of(Part.PAGETABLE, Part.PAGETABLE_USER)),
    /** Both at once, for a folder that holds answers to both. */
    ALL("all", List.of(Part.values()));

    private final String id;
    private final List<Part> parts;

    Assignment(String id, List<Part> parts) {
        this.id = id;
        this.parts = parts;
    }

    public String id() {
        return id;
    }

    public List<Part> parts() {
        return parts;
    }

    public static Optional<Assignment> byId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }
}
