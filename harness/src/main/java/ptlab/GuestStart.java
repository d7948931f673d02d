package ptlab;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ptlab.spec.Start;

/**
 * How a guest actually started, as a manifest's {@code guest_start} records it. What the spec asked
 * for is {@link Start}; a restore that could not be had falls back to a cold boot and says why.
 *
 * @param how      restored or booted
 * @param fallback why a boot replaced the restore asked for ("restore failed: ..."), or null
 */
public record GuestStart(Start how, String fallback) {
    public static final GuestStart RESTORE = new GuestStart(Start.RESTORE, null);
    public static final GuestStart BOOT = new GuestStart(Start.BOOT, null);

    // the reason may hold parentheses of its own: the label's last ')' closes it
    private static final Pattern LABEL = Pattern.compile("(\\w+)(?: \\((.+)\\))?", Pattern.DOTALL);

    public GuestStart {
        Objects.requireNonNull(how, "how");
        if (fallback != null && (how != Start.BOOT || fallback.isBlank())) {
            throw new IllegalArgumentException("only a boot falls back, and says why: " + how + " (" + fallback + ")");
        }
    }

    /** A cold boot instead of the restore asked for, because {@code why}. */
    public static GuestStart bootInstead(String why) {
        return new GuestStart(Start.BOOT, why);
    }

    /** {@code restore}, {@code boot} or {@code boot (why)}: the manifest's text. */
    public String label() {
        return fallback == null ? how.label() : how.label() + " (" + fallback + ")";
    }

    @Override
    public String toString() {
        return label();
    }

    /** Whether the guest came from a snapshot: every repetition then starts from the same memory. */
    public boolean restored() {
        return how == Start.RESTORE;
    }

    /** How a manifest says the guest started; empty when it says nothing or something this harness never wrote. */
    public static Optional<GuestStart> ofLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        Matcher m = LABEL.matcher(label.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        for (Start s : Start.values()) {
            if (s.label().equals(m.group(1)) && (m.group(2) == null || s == Start.BOOT)) {
                return Optional.of(new GuestStart(s, m.group(2)));
            }
        }
        return Optional.empty();
    }
}
