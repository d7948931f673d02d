package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What runs the guest (spec {@code vm.backend}, {@code --backend}): the name of a backend that a registered
 * guest provider serves ({@code ptlab.guest.GuestProviders}). {@code qemu} (the default) is the harness's
 * own QEMU launch, cold boot or snapshot restore; {@code vagrant} brings the same image up with
 * {@code vagrant up}. The spec only checks the name's form; the plan checks that a provider serves it, so
 * a new backend is a new provider and nothing here.
 *
 * @param name lowercase letters, digits and '-', starting with a letter
 */
public record Backend(String name) {
    // before the constants below, which it checks
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    public static final Backend QEMU = new Backend("qemu");
    public static final Backend VAGRANT = new Backend("vagrant");

    public Backend {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a backend is a name such as qemu or vagrant (lowercase letters,"
                    + " digits and '-'), got '" + name + "'");
        }
    }

    /** Parses a backend name in any case; the message says what a name looks like. */
    @JsonCreator
    public static Backend parse(String text) {
        return new Backend(text == null ? null : text.trim().toLowerCase(Locale.ROOT));
    }

    @JsonValue
    public String label() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
