package ptlab.judge;

import java.util.ArrayList;
import java.util.List;
import ptlab.parse.PagemapTable;

/**
 * What the harness's own pagemap read of one process, over one or more snapshots (before and after the
 * student's pagemap ran, or samples of a process that never paused): every 4 KiB page's physical address
 * in each snapshot, looked up by binary search.
 */
public final class Part1Truth {
    static final long PAGE = 4096;
    private final List<PagemapTable> tables = new ArrayList<>();

    public Part1Truth(List<PagemapTable> snapshots) {
        for (PagemapTable t : snapshots) {
            tables.add(t.sortedByVa());
        }
    }

    /** What the snapshots say of {@code va}'s page. */
    public record Page(boolean known, boolean present, long[] pas) {
        static final Page UNKNOWN = new Page(false, false, new long[0]);
    }

    public Page page(long va) {
        long p = va & -PAGE;
        List<Long> pas = new ArrayList<>();
        boolean known = false;
        for (PagemapTable t : tables) {
            int i = t.indexOfPage(p);
            if (i >= 0) {
                known = true;
                if (t.has(i, PagemapTable.PRESENT) && t.pa(i) != 0) {
                    pas.add(t.pa(i) & -PAGE);
                }
            }
        }
        return known ? new Page(true, !pas.isEmpty(), pas.stream().mapToLong(Long::longValue).distinct().toArray()) : Page.UNKNOWN;
    }

    /** Whether {@code v} is a page some snapshot read: how a VA among the numbers of a line is told. */
    public boolean covers(long v) {
        return v > 0 && find(v & -PAGE) >= 0;
    }

    private int find(long page) {
        for (PagemapTable t : tables) {
            if (t.indexOfPage(page) >= 0) {
                return 0;
            }
        }
        return -1;
    }

    public boolean isEmpty() {
        return tables.stream().allMatch(t -> t.size() == 0);
    }
}
