package ptlab.spec;

/**
 * Part 2.3: {@code echo 0 > /proc/lkp25p3} walks the VMAs of a process; compared with /proc/pid/maps.
 *
 * @param pid process whose VMAs are walked; default {@link Defaults#VMA_DUMP_PID} (the assignment's
 *     PID 1); at least 1
 */
public record VmaDumpWorkload(Integer pid) implements Workload {
    public static final String KIND = "vma_dump";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean needsLkp25p3() {
        return true;
    }
}
