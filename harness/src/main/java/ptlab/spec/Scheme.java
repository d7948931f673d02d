package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** How Part 1's memalloc gets its buffer (assignment 1.1). */
public enum Scheme {
    /** One calloc of 4 KiB at a time until the size is reached. */
    PAGE_4K("4k", "4 KiB callocs"),
    /** One calloc of 2 MiB at a time until the size is reached. */
    CHUNK_2M("2m", "2 MiB callocs"),
    /** The whole size in one calloc. */
    WHOLE("whole", "one calloc");

    private final String label;
    private final String description;

    Scheme(String label, String description) {
        this.label = label;
        this.description = description;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** For people: "4 KiB callocs". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return label;
    }
}
