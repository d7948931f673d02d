package ptlab.spec;

/**
 * Part 2.4: the workload reads a hot region flat out and a warm region periodically while the module's
 * kthread scans accessed bits; the module's reports become the heatmap. The rest of the buffer is cold.
 *
 * @param size buffer size; default {@link Defaults#ACCESS_SIZE}; a multiple of 4 KiB, more than 0, fits in
 *     guest memory with 768 MiB to spare
 * @param durationS seconds the workload runs; default {@link Defaults#ACCESS_DURATION_S}; at least 1 and
 *     less than vm.step_timeout_s
 * @param hot end of the hot region [0, hot), read as fast as possible; default {@link Defaults#ACCESS_HOT};
 *     a multiple of 4 KiB, at most warm_start
 * @param warmStart start of the warm region; default {@link Defaults#ACCESS_WARM_START}; a multiple of
 *     4 KiB, at most warm_end
 * @param warmEnd end of the warm region [warm_start, warm_end); default {@link Defaults#ACCESS_WARM_END};
 *     a multiple of 4 KiB, at most size
 * @param warmPeriodUs microseconds between two reads of the warm region; default
 *     {@link Defaults#ACCESS_WARM_PERIOD_US}; at least 1
 * @param scanPeriodMs milliseconds between two accessed-bit scans by the kthread; default
 *     {@link Defaults#ACCESS_SCAN_PERIOD_MS}; at least {@link #MIN_SCAN_PERIOD_MS}
 * @param reportMs milliseconds between two access-count reports in the kernel log; default
 *     {@link Defaults#ACCESS_REPORT_MS}; at least {@link #MIN_REPORT_MS}, a multiple of scan_period_ms
 *     of at most {@link #MAX_SCANS_PER_REPORT} periods, at most duration_s * 1000
 * @param thp transparent huge pages during the step; default {@link Defaults#ACCESS_THP} so the A bits are
 *     per 4 KiB page
 */
public record AccessWorkload(ByteSize size, Integer durationS, ByteSize hot, ByteSize warmStart,
        ByteSize warmEnd, Integer warmPeriodUs, Integer scanPeriodMs, Integer reportMs, Thp thp)
        implements Workload {
    public static final String KIND = "access";
    /** lkp25p3's floors (kmod/lkp25p3/lkp_proc.c): an all-CPU TLB flush per period, up to ~200 KB of log per report. */
    public static final int MIN_SCAN_PERIOD_MS = 10;
    public static final int MIN_REPORT_MS = 100;
    /** lkp25p3 counts a page's accesses per report in 16 bits. */
    public static final int MAX_SCANS_PER_REPORT = 65535;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean needsLkp25p3() {
        return true;
    }
}
