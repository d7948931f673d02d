package ptlab.spec;

/**
 * The pagetable assignment: the module dumps every VA->PA of a workload process (pid module parameter),
 * and getpfn asks the module's char device for PFNs with IOCTL_GET_PFN; both compared with pagemap.
 *
 * @param size buffer size of the target process; default {@link Defaults#PAGETABLE_SIZE}; a multiple of
 *     4 KiB, more than 0, fits in guest memory with 768 MiB to spare
 */
public record PagetableWorkload(ByteSize size) implements Workload {
    public static final String KIND = "pagetable";

    @Override
    public String kind() {
        return KIND;
    }
}
