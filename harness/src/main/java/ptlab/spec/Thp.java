package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Transparent huge pages for one workload. {@code default} leaves the guest kernel's setting alone
 * (it is {@code always} on every Debian kernel in vm-images/); {@code never} and {@code always} are set in
 * /sys/kernel/mm/transparent_hugepage/enabled for the workload's step and recorded in the manifest.
 */
public enum Thp {
    DEFAULT("default"),
    NEVER("never"),
    ALWAYS("always");

    private final String label;

    Thp(String label) {
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
