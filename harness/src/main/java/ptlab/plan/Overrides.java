package ptlab.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import ptlab.spec.Accel;

/**
 * What the command line changes in a spec; a null component changes nothing. Recorded in plan.json so a
 * run says how it differed from its spec file.
 *
 * @param accel replaces vm.accel ({@code --accel})
 * @param images replaces images ({@code --image}, repeatable); names or paths relative to the current folder
 * @param repetitions replaces repetitions ({@code --repetitions})
 */
public record Overrides(Accel accel, List<String> images, Integer repetitions) {
    public static final Overrides NONE = new Overrides(null, null, null);

    public Overrides {
        images = images == null ? null : List.copyOf(images);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return accel == null && images == null && repetitions == null;
    }
}
