package ptlab.spec;

/**
 * Part 2.2: the workload writes its buffer's VAs to /proc/lkp25p3; the module translates each and logs
 * the latency, and pagemap translates the same pages for comparison.
 *
 * @param size buffer size; default {@link Defaults#XLATE_SIZE}; a multiple of 4 KiB, more than 0, fits in
 *     guest memory with 768 MiB to spare
 * @param pages pages to translate: 0 means every page of the buffer, N the first N pages; default
 *     {@link Defaults#XLATE_PAGES}; 0 to size/4096
 * @param batch VAs per write to /proc/lkp25p3; default {@link Defaults#XLATE_BATCH}; 1 to 256
 * @param thp transparent huge pages during the step; default {@link Defaults#XLATE_THP}
 */
public record XlateWorkload(ByteSize size, Long pages, Integer batch, Thp thp) implements Workload {
    public static final String KIND = "xlate";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean needsLkp25p3() {
        return true;
    }

    /** How many pages the step translates, with 0 resolved to the whole buffer. */
    public long pagesToTranslate() {
        return pages == 0 ? size.pages() : pages;
    }
}
