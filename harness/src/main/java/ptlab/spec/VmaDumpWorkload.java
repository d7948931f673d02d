package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Part 2.3: {@code echo 0 > /proc/lkp25p3} walks the VMAs of a process; compared with /proc/pid/maps.
 *
 * @param pid process whose VMAs are walked; default {@link Defaults#VMA_DUMP_PID} (the assignment's
 *     PID 1); at least 1
 * @param failRepetitions for tests of the harness only: the repetitions (1-based) whose VMA comparison oracle is
 *     failed on purpose, so a campaign can plant a failure that comes and goes (regression and flaky labels)
 */
public record VmaDumpWorkload(Integer pid,
        @JsonProperty("fail_repetitions") @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> failRepetitions)
        implements Workload {
    public static final String KIND = "vma_dump";

    public VmaDumpWorkload {
        failRepetitions = failRepetitions == null || failRepetitions.isEmpty() ? null : List.copyOf(failRepetitions);
    }

    public VmaDumpWorkload(Integer pid) {
        this(pid, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean needsLkp25p3() {
        return true;
    }
}
