package ptlab.submission;

import java.util.Arrays;
import java.util.Optional;

/**
 * A piece of a submission the harness drives on its own: the seeds name each one. {@code partFolder} is
 * the seed's part (part1/, part2/) a candidate is preferred in, 0 when the assignment has no parts.
 */
public enum Part {
    MEMALLOC("memalloc", "Part 1 memalloc program (allocates 2 GB three ways)", 1, "memalloc.c"),
    PAGEMAP("pagemap", "Part 1 pagemap program (VA->PA through /proc/PID/pagemap)", 1, "pagemap.c"),
    LKP25P3("lkp25p3", "Part 2 kernel module creating /proc/lkp25p3", 2, "lkp25p3"),
    PART2_MEMALLOC("part2-memalloc", "Part 2 memalloc program (the 1 GB buffer the module watches)", 2, "memalloc.c"),
    PAGETABLE("pagetable", "pagetable kernel module (a pid parameter, an ioctl)", 0, "pagetable"),
    PAGETABLE_USER("pagetable-user", "pagetable user program (opens the device, calls ioctl)", 0, "");

    private final String id;
    private final String description;
    private final int partFolder;
    private final String seedName;

    Part(String id, String description, int partFolder, String seedName) {
        this.id = id;
        this.description = description;
        this.partFolder = partFolder;
        this.seedName = seedName;
    }

    /** The name used on the command line and in messages, e.g. {@code --part lkp25p3=DIR}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    int partFolder() {
        return partFolder;
    }

    /** The file (programs) or module (modules) name the seed uses: preferred among equals. */
    String seedName() {
        return seedName;
    }

    boolean isModule() {
        return this == LKP25P3 || this == PAGETABLE;
    }

    public static Optional<Part> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
