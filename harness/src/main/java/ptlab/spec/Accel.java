package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import ptlab.Accelerator;

/**
 * The accelerator asked for (spec {@code vm.accel}, {@code --accel}). {@code auto} uses KVM only when a
 * short probe boot succeeds, TCG otherwise; what a guest ran under is an {@link Accelerator}.
 */
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

    /** Parses "auto", "kvm" or "tcg" in any case; the message names the choices. */
    public static Accel parse(String text) {
        for (Accel a : values()) {
            if (a.label.equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("expected auto, kvm or tcg, got '" + text + "'");
    }

    /** Resolved without probing, when no probe is wanted: KVM or TCG as asked. Empty for auto. */
    public java.util.Optional<Accelerator> fixed() {
        return switch (this) {
            case KVM -> java.util.Optional.of(Accelerator.KVM);
            case TCG -> java.util.Optional.of(Accelerator.TCG);
            case AUTO -> java.util.Optional.empty();
        };
    }

    /**
     * What a dry run shows for this choice: auto is shown as TCG, because a dry run does not probe
     * and TCG is what works everywhere.
     */
    public Accelerator shownInDryRun() {
        return fixed().orElse(Accelerator.TCG);
    }
}
