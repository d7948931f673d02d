package ptlab.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * manifest.json flattened to dotted keys in document order ({@code author.first}, {@code steps[2].name}),
 * values as text, plus typed access to the keys the report uses.
 */
public record Manifest(Map<String, String> flat) {
    public Manifest {
        flat = Collections.unmodifiableMap(new LinkedHashMap<>(flat));
    }

    public static Manifest empty() {
        return new Manifest(Map.of());
    }

    public Optional<String> get(String key) {
        String v = flat.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** {@code First-Last} for figure titles; "Unknown-Author" when the manifest does not say. */
    public String authorTag() {
        String first = get("author.first").orElse("Unknown");
        String last = get("author.last").orElse("Author");
        return first + "-" + last;
    }

    /** The run's recorded outcome; empty when the manifest has none or names no outcome this harness knows. */
    public Optional<ptlab.Outcome> outcome() {
        return get("outcome").flatMap(name -> java.util.Arrays.stream(ptlab.Outcome.values())
                .filter(o -> o.name().equals(name)).findFirst());
    }

    /** The outcome's one-line reason, or "". */
    public String message() {
        return get("message").orElse("");
    }

    /** "kvm", "tcg" or "" when unknown. */
    public String accelerator() {
        return get("accelerator").orElse("").toLowerCase(java.util.Locale.ROOT);
    }
}
