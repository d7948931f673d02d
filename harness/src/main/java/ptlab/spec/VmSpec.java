package ptlab.spec;

/**
 * The guest every run of the experiment boots. After {@link Defaults#resolve} no component is null.
 *
 * @param cpus virtual CPUs; default {@link Defaults#VM_CPUS}; 1 to 64
 * @param memoryMib guest memory in MiB; default {@link Defaults#VM_MEMORY_MIB}; at least 1024, and every
 *     workload's buffer plus 768 MiB of headroom must fit
 * @param accel QEMU accelerator; default {@link Defaults#VM_ACCEL}
 * @param bootTimeoutS seconds from QEMU start until SSH answers a command; default
 *     {@link Defaults#VM_BOOT_TIMEOUT_S}; at least 1
 * @param stepTimeoutS seconds any one step in the guest (build, workload, collect) may take; default
 *     {@link Defaults#VM_STEP_TIMEOUT_S}; at least 1 and longer than an access workload's duration
 * @param start how the guest starts: restore a ready snapshot or boot; default {@link Defaults#VM_START};
 *     the vagrant backend always boots
 * @param backend what runs the guest: the harness's QEMU or Vagrant; default {@link Defaults#VM_BACKEND}
 * @param coldBoots with {@code start: restore}, how many of each image's first repetitions boot the kernel instead,
 *     so the physical-layout quantities are sampled over independent boots; default 0; 0 to
 *     {@link Limits#MAX_REPETITIONS}
 */
public record VmSpec(Integer cpus, Integer memoryMib, Accel accel, Integer bootTimeoutS, Integer stepTimeoutS,
        Start start, Backend backend, Integer coldBoots) {
    public VmSpec withAccel(Accel newAccel) {
        return new VmSpec(cpus, memoryMib, newAccel, bootTimeoutS, stepTimeoutS, start, backend, coldBoots);
    }

    public VmSpec withStart(Start newStart) {
        return new VmSpec(cpus, memoryMib, accel, bootTimeoutS, stepTimeoutS, newStart, backend, coldBoots);
    }

    public VmSpec withBackend(Backend newBackend) {
        return new VmSpec(cpus, memoryMib, accel, bootTimeoutS, stepTimeoutS, start, newBackend, coldBoots);
    }

    /** Whether repetition {@code rep} (1-based) boots the kernel: every one with {@code start: boot}. */
    public boolean boots(int rep) {
        return start == Start.BOOT || coldBoots != null && rep <= coldBoots;
    }

    /** Guest memory as a size. */
    public ByteSize memory() {
        return ByteSize.ofMib(memoryMib);
    }
}
