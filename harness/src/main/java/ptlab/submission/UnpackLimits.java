package ptlab.submission;

/**
 * What an unpacked submission may hold. Every limit is checked while bytes are read, so an archive that
 * crosses one is refused before more than a buffer past the limit reaches the disk.
 *
 * @param maxTotalBytes bytes of all files together
 * @param maxEntries    files, folders and links together
 * @param maxFileBytes  bytes of one file
 * @param maxRatio      bytes out per compressed byte in, judged once {@link #RATIO_GRACE_BYTES} came out
 */
public record UnpackLimits(long maxTotalBytes, int maxEntries, long maxFileBytes, int maxRatio) {
    public static final long MIB = 1L << 20;
    /** The seed's tarball is sources and a few PDF figures: a few MiB; 64 leaves room for captured logs. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 64 * MIB;
    /** A submission has tens of entries; 2,000 leaves room for a stray build folder. */
    public static final int DEFAULT_MAX_ENTRIES = 2_000;
    /** One file: a kern.log of a 2-minute access run fits, a disk image does not. */
    public static final long DEFAULT_MAX_FILE_BYTES = 16 * MIB;
    /**
     * C sources and logs deflate 3-20:1, tar padding somewhat more; DEFLATE of zeros reaches about 1000:1.
     * 100:1 sits between them.
     */
    public static final int DEFAULT_MAX_RATIO = 100;
    /** Small, very regular files legitimately compress past any ratio; below this much output none is judged. */
    public static final long RATIO_GRACE_BYTES = MIB;
    /** Tar headers an entry may add to the stream beyond its data: a header block, a pax record, padding. */
    public static final int HEADER_ALLOWANCE_BYTES = 8 * 1024;
    /** A symlink's target is a path, never more than a page; a longer one is not a link. */
    public static final int MAX_LINK_TARGET_BYTES = 4096;

    public static final UnpackLimits DEFAULTS = new UnpackLimits(DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_ENTRIES,
            DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_RATIO);

    public UnpackLimits {
        if (maxTotalBytes <= 0 || maxEntries <= 0 || maxFileBytes <= 0 || maxRatio <= 1) {
            throw new IllegalArgumentException("limits must be positive (ratio above 1): " + maxTotalBytes + ", "
                    + maxEntries + ", " + maxFileBytes + ", " + maxRatio);
        }
    }

    /** Bytes for people: "64 MiB", "1.5 KiB", "12 bytes". */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v)) + " " + units[u];
    }
}
