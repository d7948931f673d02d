package ptlab.judge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ptlab.parse.PagemapTable;

/**
 * The harness's own pagemap of the buffer of a process it holds, read before and after the student's code ran:
 * each present page's physical page (a page whose frame moved between the reads may be either), and the
 * buffer's bounds.
 */
final class BufferTruth {
    static final long PAGE = 4096;

    private final Map<Long, Set<Long>> pages = new HashMap<>();
    private long lo = Long.MAX_VALUE;
    private long hi;

    BufferTruth(PagemapTable before, PagemapTable after) {
        for (PagemapTable t : List.of(before, after)) {
            for (int i = 0; i < t.size(); i++) {
                if (t.has(i, PagemapTable.PRESENT) && t.pa(i) != 0) {
                    pages.computeIfAbsent(t.va(i) & -PAGE, k -> new HashSet<>()).add(t.pa(i) & -PAGE);
                }
                lo = Math.min(lo, t.va(i) & -PAGE);
                hi = Math.max(hi, (t.va(i) & -PAGE) + PAGE);
            }
        }
    }

    /** The physical pages the page at {@code va} had (page-aligned PAs); null when it was not present. */
    Set<Long> at(long va) {
        return pages.get(va & -PAGE);
    }

    long present() {
        return pages.size();
    }

    /** The buffer's first page. */
    long lo() {
        return lo;
    }

    /** The end of the buffer's last page. */
    long hi() {
        return hi;
    }

    boolean inside(long va) {
        return va >= lo && va < hi;
    }
}
