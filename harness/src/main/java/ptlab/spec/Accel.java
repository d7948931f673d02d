package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** QEMU accelerator. {@code auto} uses KVM only when a short probe boot succeeds, TCG otherwise. */
public enum Accel {
    AUTO("auto"),
    KVM("kvm"),
    TCG("tcg");

    private final String label;

    Accel(String label) {
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
