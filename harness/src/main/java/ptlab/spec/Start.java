package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How each run gets its guest. {@code restore} (the default) restores a snapshot of the image's guest
 * saved the moment it was ready (made on first use): about 1.5 s instead of a 23 s cold boot under TCG.
 * Every restore starts from the same memory, so repetitions share their starting physical layout;
 * {@code boot} boots the kernel each time, for repetitions that are independent samples of it.
 */
public enum Start {
    RESTORE("restore"),
    BOOT("boot");

    private final String label;

    Start(String label) {
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
