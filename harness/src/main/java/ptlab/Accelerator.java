package ptlab;

import java.util.Locale;
import java.util.Optional;

/**
 * The accelerator a guest actually ran under, once {@code auto} is resolved. What the user asked for
 * is {@link ptlab.spec.Accel}; this is what manifests record and captions qualify latencies with.
 */
public enum Accelerator {
    KVM, TCG;

    /** "kvm" or "tcg", as manifests and QEMU spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /** The accelerator a manifest records, if it records one. */
    public static Optional<Accelerator> ofLabel(String label) {
        for (Accelerator a : values()) {
            if (a.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether the latencies are, or may be, emulated: TCG, or no accelerator on record. */
    public static boolean emulated(Optional<Accelerator> accel) {
        return accel.map(a -> a == TCG).orElse(true);
    }

    /** The sentence every latency caption ends with; an unknown accelerator may have been emulated. */
    public static String sentence(Optional<Accelerator> accel) {
        if (accel.isEmpty()) {
            return "The manifest does not record the accelerator: the latencies may be emulated.";
        }
        return switch (accel.get()) {
            case KVM -> "Measured in a KVM guest: hardware-assisted, but two-dimensional (nested) paging adds to"
                    + " every walk.";
            case TCG -> "Measured under TCG emulation: absolute values are not hardware latencies or rates; only"
                    + " ratios and shapes carry over.";
        };
    }
}
