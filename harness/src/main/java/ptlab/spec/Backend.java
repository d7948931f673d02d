package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What runs the guest (spec {@code vm.backend}, {@code --backend}). {@code qemu} (the default) is the
 * harness's own QEMU launch: cold boot or snapshot restore, loopback SSH. {@code vagrant} brings the same
 * image up with {@code vagrant up} (libvirt provider, the repository's Vagrantfile) and always boots it.
 */
public enum Backend {
    QEMU("qemu"),
    VAGRANT("vagrant");

    private final String label;

    Backend(String label) {
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

    /** Parses "qemu" or "vagrant" in any case; the message names the choices. */
    public static Backend parse(String text) {
        for (Backend b : values()) {
            if (b.label.equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("expected qemu or vagrant, got '" + text + "'");
    }
}
