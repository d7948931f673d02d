package ptlab.image;

import java.time.Duration;

/**
 * What a sandboxed build may use ({@link SandboxBuild}). CPU time, file size and address space are
 * rlimits of each process (a build of many processes may use more in all); processes are counted for
 * the build's uid. The scratch (the overlay's upper layer with the submission's copy, and /tmp) and the
 * output are bounded for the build as a whole.
 *
 * @param wall         wall-clock limit: at it the build and every process it started are killed
 * @param cpu          CPU time of one process: SIGXCPU at it, SIGKILL 5 s later
 * @param processes    processes and threads of the build's uid at once (RLIMIT_NPROC): fork fails past it
 * @param fileBytes    largest file a process may write (RLIMIT_FSIZE): SIGXFSZ past it
 * @param memoryBytes  address space of one process (RLIMIT_AS): allocations fail past it
 * @param scratchBytes everything the build may write, sources and products included (a tmpfs in RAM)
 * @param outputBytes  kept from the build's output at its start, and as much again at its end
 */
public record SandboxLimits(Duration wall, Duration cpu, int processes, long fileBytes, long memoryBytes,
        long scratchBytes, long outputBytes) {
    private static final long MIB = 1L << 20;
    /** Writable space by default: lkp25p3's sources and build write 3.6 MiB. */
    public static final long SCRATCH_BYTES = 1024 * MIB;
    /** Output kept at each end by default: a module build prints about 1 KiB. */
    public static final long OUTPUT_BYTES = 256 * 1024;

    public SandboxLimits {
        if (wall.isNegative() || wall.isZero() || cpu.isNegative() || cpu.isZero()) {
            throw new IllegalArgumentException("wall and cpu limits must be positive: " + wall + ", " + cpu);
        }
        if (processes < 1 || fileBytes < 1 || memoryBytes < 1 || scratchBytes < 1 || outputBytes < 1) {
            throw new IllegalArgumentException("every limit must be positive");
        }
    }

    /** The default scratch space and output cap with these limits. */
    public SandboxLimits(Duration wall, Duration cpu, int processes, long fileBytes, long memoryBytes) {
        this(wall, cpu, processes, fileBytes, memoryBytes, SCRATCH_BYTES, OUTPUT_BYTES);
    }

    /**
     * 180 s of wall clock, 120 s of CPU per process, 256 processes, 256 MiB per file, 2 GiB of address
     * space per process, 1 GiB of scratch. Measured: lkp25p3 builds in 2.5-4 s on the four images, under
     * an address-space limit of 256 MiB on each (128 MiB on bookworm), so 2 GiB leaves room for a
     * heavier submission.
     */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(180), Duration.ofSeconds(120), 256, 256 * MIB, 2048 * MIB);
    }

    public SandboxLimits withWall(Duration w) {
        return new SandboxLimits(w, cpu, processes, fileBytes, memoryBytes, scratchBytes, outputBytes);
    }
}
