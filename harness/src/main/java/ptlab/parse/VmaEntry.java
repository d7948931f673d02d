package ptlab.parse;

/**
 * One VMA from lkp25p3's dump: the machine line
 * {@code vma idx=<n> start=0x.. end=0x.. flags=0x<vm_flags> pgoff=0x.. type=<t> name=<rest of line>}
 * plus the {@code Permissions:} of the human lines printed before it, when present.
 *
 * @param line        line of the machine line in kmsg.txt
 * @param humanPerms  the human {@code Permissions: r-xp} value, or empty
 */
public record VmaEntry(int line, int idx, long start, long end, long flags, long pgoff, String type, String name,
        String humanPerms) {
    public static final long VM_READ = 0x1;
    public static final long VM_WRITE = 0x2;
    public static final long VM_EXEC = 0x4;
    public static final long VM_MAYSHARE = 0x80;

    /** {@code rwxp} the way show_map_vma prints it: 's' for VM_MAYSHARE, else 'p'. */
    public String perms() {
        return new String(new char[] {
            (flags & VM_READ) != 0 ? 'r' : '-',
            (flags & VM_WRITE) != 0 ? 'w' : '-',
            (flags & VM_EXEC) != 0 ? 'x' : '-',
            (flags & VM_MAYSHARE) != 0 ? 's' : 'p',
        });
    }

    /** The offset /proc/pid/maps prints: pgoff in bytes for file mappings, 0 otherwise. */
    public long mapsOffset() {
        return "file".equals(type) ? pgoff << 12 : 0;
    }
}
