package ptlab.parse;

import java.util.List;

/**
 * One line of /proc/pid/maps ({@code start-end perms offset dev inode [path]}), with the
 * {@code VmFlags} of the matching smaps block when read from smaps (else empty).
 */
public record MapsEntry(int line, long start, long end, String perms, long offset, String dev, long inode,
        String path, List<String> vmFlags) {
    public MapsEntry {
        vmFlags = List.copyOf(vmFlags);
    }

    MapsEntry withVmFlags(List<String> flags) {
        return new MapsEntry(line, start, end, perms, offset, dev, inode, path, flags);
    }
}
