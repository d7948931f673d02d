package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** How Part 1's pagemap reads /proc/pid/pagemap; each mode is timed separately. */
public enum PagemapMode {
    /** One 8-byte pread per page: measures the syscall as well as the walk. */
    PER_PAGE("per-page"),
    /** Large preads of many entries: measures the walk. */
    BATCHED("batched");

    private final String label;

    PagemapMode(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
