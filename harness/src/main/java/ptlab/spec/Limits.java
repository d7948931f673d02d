package ptlab.spec;

import java.util.regex.Pattern;

/** The bounds a spec's values must keep; experiments/README.md states the same. */
public final class Limits {
    /** An experiment name becomes the folder results/&lt;experiment&gt;/. */
    public static final Pattern EXPERIMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** The author's names become part of figure titles and file names. */
    public static final Pattern NAME_PART = Pattern.compile("[\\p{L}0-9-]{1,64}");
    public static final int MAX_CPUS = 64;
    /** Below 1 GiB a Debian guest with gcc and sshd has too little left for any buffer. */
    public static final int MIN_MEMORY_MIB = 1024;
    public static final int MAX_MEMORY_MIB = 1024 * 1024;
    /** Guest memory a workload's buffer must leave free for the kernel, sshd, gcc and page tables. */
    public static final ByteSize HEADROOM = ByteSize.parse("768M");
    public static final int MAX_REPETITIONS = 1000;
    /** VAs per write to /proc/lkp25p3: the module's write buffer holds 256 addresses. */
    public static final int MAX_XLATE_BATCH = 256;

    private Limits() {
    }
}
