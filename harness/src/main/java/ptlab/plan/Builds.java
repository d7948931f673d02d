package ptlab.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where modules and programs are built: natively in the image's own userspace on the host where the host
 * allows it (the same bytes, about 15x faster under TCG), or in the guest ({@code --build-in-guest}).
 */
public enum Builds {
    NATIVE("native"),
    GUEST("guest");

    private final String label;

    Builds(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Builds of(String label) {
        for (Builds b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        throw new IllegalArgumentException("builds is native or guest, got '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
