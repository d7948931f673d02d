package ptlab.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every default of a spec, in one place, and the one function that applies them. experiments/README.md
 * lists the same values; {@code ExperimentsReadmeTest} fails when the two disagree.
 */
public final class Defaults {
    /** The Debian 12 guest (kernel 6.1), the kernel the assignment was written against. */
    public static final List<String> IMAGES = List.of("bookworm");
    /** Two vCPUs: the workload and the module's kthread each get one. */
    public static final int VM_CPUS = 2;
    /** 4 GiB: a 2 GiB Part 1 buffer plus room for the guest, as measured under TCG. */
    public static final int VM_MEMORY_MIB = 4096;
    /** KVM when a probe boot works, TCG otherwise. */
    public static final Accel VM_ACCEL = Accel.AUTO;
    /** {@link #VM_ACCEL} as text, for command-line defaults (annotations need a constant). */
    public static final String VM_ACCEL_LABEL = "auto";
    /**
     * Restore a ready snapshot: 1.5 s instead of a 23 s cold boot under TCG. Repetitions then share their
     * starting memory state; {@code boot} makes them independent samples.
     */
    public static final Start VM_START = Start.RESTORE;
    /** The harness's own QEMU: restores in 1.5 s where {@code vagrant up} takes about a minute under TCG. */
    public static final Backend VM_BACKEND = Backend.QEMU;
    /** Seconds to SSH; about 20 s is typical under TCG, bullseye to sid. */
    public static final int VM_BOOT_TIMEOUT_S = 300;
    /** Seconds per guest step; a 2 GiB per-page pagemap pass is about 15 s under TCG, module builds 20 s. */
    public static final int VM_STEP_TIMEOUT_S = 1800;
    /** One run per image. */
    public static final int REPETITIONS = 1;

    /** All three schemes of assignment 1.1. */
    public static final List<Scheme> PAGEMAP_SCHEMES = List.of(Scheme.PAGE_4K, Scheme.CHUNK_2M, Scheme.WHOLE);
    /** 2 GiB, as assignment 1.1 asks. */
    public static final ByteSize PAGEMAP_SIZE = ByteSize.parse("2G");
    /** Leave the guest kernel's THP setting alone. */
    public static final Thp PAGEMAP_THP = Thp.DEFAULT;
    /** Both read modes, so the syscall cost and the walk are reported separately. */
    public static final List<PagemapMode> PAGEMAP_MODES = List.of(PagemapMode.PER_PAGE, PagemapMode.BATCHED);

    /** 1 GiB, as Part 2 asks. */
    public static final ByteSize XLATE_SIZE = ByteSize.parse("1G");
    /** Every page of the buffer. */
    public static final long XLATE_PAGES = 0;
    /** VAs per write to /proc/lkp25p3. */
    public static final int XLATE_BATCH = 1;
    /** Leave the guest kernel's THP setting alone. */
    public static final Thp XLATE_THP = Thp.DEFAULT;

    /** PID 1, as assignment 2.3 asks. */
    public static final int VMA_DUMP_PID = 1;

    /** 1 GiB, as Part 2 asks. */
    public static final ByteSize ACCESS_SIZE = ByteSize.parse("1G");
    /** Two minutes, as assignment 2.4 asks. */
    public static final int ACCESS_DURATION_S = 120;
    /** [0, 256 MiB) is hot (assignment 2.4). */
    public static final ByteSize ACCESS_HOT = ByteSize.parse("256M");
    /** [256 MiB, 512 MiB) is warm (assignment 2.4). */
    public static final ByteSize ACCESS_WARM_START = ByteSize.parse("256M");
    /** [256 MiB, 512 MiB) is warm (assignment 2.4). */
    public static final ByteSize ACCESS_WARM_END = ByteSize.parse("512M");
    /** The warm region is read every 1 ms (assignment 2.4). */
    public static final int ACCESS_WARM_PERIOD_US = 1000;
    /** Accessed bits are scanned and aggregated every 100 ms (assignment 2.4). */
    public static final int ACCESS_SCAN_PERIOD_MS = 100;
    /** Statistics are logged every second (assignment 2.4). */
    public static final int ACCESS_REPORT_MS = 1000;
    /** No huge pages, so each accessed bit covers one 4 KiB page of the heatmap. */
    public static final Thp ACCESS_THP = Thp.NEVER;

    /** A buffer big enough to span several page tables, small enough to dump quickly. */
    public static final ByteSize PAGETABLE_SIZE = ByteSize.parse("64M");

    private Defaults() {
    }

    /**
     * A copy of {@code raw} with every left-out value defaulted. Required values (experiment, author,
     * workloads) stay null when missing, and so do null list items: validation reports those.
     */
    public static ExperimentSpec resolve(ExperimentSpec raw) {
        VmSpec vm = raw.vm() == null ? new VmSpec(null, null, null, null, null, null, null, null) : raw.vm();
        VmSpec resolvedVm = new VmSpec(
                or(vm.cpus(), VM_CPUS),
                or(vm.memoryMib(), VM_MEMORY_MIB),
                or(vm.accel(), VM_ACCEL),
                or(vm.bootTimeoutS(), VM_BOOT_TIMEOUT_S),
                or(vm.stepTimeoutS(), VM_STEP_TIMEOUT_S),
                or(vm.start(), VM_START),
                or(vm.backend(), VM_BACKEND),
                or(vm.coldBoots(), 0));
        List<Workload> workloads = null;
        if (raw.workloads() != null) {
            List<Workload> list = new ArrayList<>();
            for (Workload w : raw.workloads()) {
                list.add(w == null ? null : resolve(w));
            }
            workloads = Collections.unmodifiableList(list);
        }
        return new ExperimentSpec(raw.experiment(), raw.author(), copy(or(raw.images(), IMAGES)), resolvedVm,
                or(raw.repetitions(), REPETITIONS), workloads, raw.submission());
    }

    /** One workload with its left-out values defaulted. */
    public static Workload resolve(Workload w) {
        if (w instanceof PagemapWorkload p) {
            return new PagemapWorkload(copy(or(p.schemes(), PAGEMAP_SCHEMES)), or(p.size(), PAGEMAP_SIZE),
                    or(p.thp(), PAGEMAP_THP), copy(or(p.modes(), PAGEMAP_MODES)));
        }
        if (w instanceof XlateWorkload x) {
            return new XlateWorkload(or(x.size(), XLATE_SIZE), or(x.pages(), XLATE_PAGES),
                    or(x.batch(), XLATE_BATCH), or(x.thp(), XLATE_THP));
        }
        if (w instanceof VmaDumpWorkload v) {
            return new VmaDumpWorkload(or(v.pid(), VMA_DUMP_PID), v.failRepetitions());
        }
        if (w instanceof AccessWorkload a) {
            return new AccessWorkload(or(a.size(), ACCESS_SIZE), or(a.durationS(), ACCESS_DURATION_S),
                    or(a.hot(), ACCESS_HOT), or(a.warmStart(), ACCESS_WARM_START), or(a.warmEnd(), ACCESS_WARM_END),
                    or(a.warmPeriodUs(), ACCESS_WARM_PERIOD_US), or(a.scanPeriodMs(), ACCESS_SCAN_PERIOD_MS),
                    or(a.reportMs(), ACCESS_REPORT_MS), or(a.thp(), ACCESS_THP));
        }
        PagetableWorkload t = (PagetableWorkload) w;
        return new PagetableWorkload(or(t.size(), PAGETABLE_SIZE));
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }

    /** Unmodifiable, and unlike List.copyOf it keeps null items for validation to report. */
    private static <T> List<T> copy(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
