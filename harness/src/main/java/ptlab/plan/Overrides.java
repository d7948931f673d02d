package ptlab.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import ptlab.spec.Accel;
import ptlab.spec.Backend;
import ptlab.spec.Start;

/**
 * What the command line changes in a spec; a null component changes nothing. Recorded in plan.json so a
 * run says how it differed from its spec file.
 *
 * @param accel replaces vm.accel ({@code --accel})
 * @param images replaces images ({@code --image}, repeatable); names or paths relative to the current folder
 * @param repetitions replaces repetitions ({@code --repetitions})
 * @param start replaces vm.start ({@code --cold-boot} makes it boot)
 * @param backend replaces vm.backend ({@code --backend})
 * @param submission replaces the spec's submission path ({@code --submission}), relative to the current
 *     folder
 * @param parts adds part overrides {@code NAME=PATH} to the submission ({@code --part}, repeatable)
 * @param baseline the campaign folder or packed campaign the campaign is compared with ({@code --baseline}),
 *     absolute
 * @param reruns with a baseline: how often an image with a called change is run again before the change is
 *     labelled ({@code --reruns}, default {@value #RERUNS})
 */
public record Overrides(Accel accel, List<String> images, Integer repetitions, Start start, Backend backend,
        String submission, List<String> parts, @JsonInclude(JsonInclude.Include.NON_NULL) String baseline,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer reruns) {
    /** Reruns of a changed image when --reruns is not given. */
    public static final int RERUNS = 3;
    public static final Overrides NONE = new Overrides(null, null, null, null, null);

    public Overrides {
        images = images == null ? null : List.copyOf(images);
        parts = parts == null || parts.isEmpty() ? null : List.copyOf(parts);
    }

    public Overrides(Accel accel, List<String> images, Integer repetitions, Start start, Backend backend,
            String submission, List<String> parts) {
        this(accel, images, repetitions, start, backend, submission, parts, null, null);
    }

    public Overrides(Accel accel, List<String> images, Integer repetitions, Start start, Backend backend) {
        this(accel, images, repetitions, start, backend, null, null);
    }

    public Overrides(Accel accel, List<String> images, Integer repetitions) {
        this(accel, images, repetitions, null, null);
    }

    public Overrides(Accel accel, List<String> images, Integer repetitions, Start start) {
        this(accel, images, repetitions, start, null);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return accel == null && images == null && repetitions == null && start == null && backend == null
                && submission == null && parts == null && baseline == null;
    }
}
