package ptlab.parse;

/**
 * Rows of getpfn.csv ({@code vpn,va,pfn,flags,errno}): what IOCTL_GET_PFN returned for each virtual
 * page of the target buffer. {@code errno} is 0 when the ioctl succeeded.
 */
public final class GetpfnTable {
    private final long[] vpn;
    private final long[] va;
    private final long[] pfn;
    private final long[] flags;
    private final long[] errno;

    public GetpfnTable(long[] vpn, long[] va, long[] pfn, long[] flags, long[] errno) {
        int n = vpn.length;
        if (va.length != n || pfn.length != n || flags.length != n || errno.length != n) {
            throw new IllegalArgumentException("columns differ in length");
        }
        this.vpn = vpn;
        this.va = va;
        this.pfn = pfn;
        this.flags = flags;
        this.errno = errno;
    }

    public int size() {
        return vpn.length;
    }

    public long vpn(int i) {
        return vpn[i];
    }

    public long va(int i) {
        return va[i];
    }

    public long pfn(int i) {
        return pfn[i];
    }

    public long flags(int i) {
        return flags[i];
    }

    public long errno(int i) {
        return errno[i];
    }
}
