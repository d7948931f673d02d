package ptlab.spec;

import java.util.List;

/**
 * Part 1: memalloc allocates and writes a buffer in each scheme; pagemap translates every page and
 * times each translation.
 *
 * @param schemes allocation schemes, each its own step; default {@link Defaults#PAGEMAP_SCHEMES};
 *     non-empty, no duplicates
 * @param size buffer size; default {@link Defaults#PAGEMAP_SIZE}; a multiple of 4 KiB (of 2 MiB when the
 *     schemes include 2m), more than 0, and it must fit in guest memory with 768 MiB to spare
 * @param thp transparent huge pages during the step; default {@link Defaults#PAGEMAP_THP}
 * @param modes how pagemap is read, each timed separately; default {@link Defaults#PAGEMAP_MODES};
 *     non-empty, no duplicates
 */
public record PagemapWorkload(List<Scheme> schemes, ByteSize size, Thp thp, List<PagemapMode> modes)
        implements Workload {
    public static final String KIND = "pagemap";

    @Override
    public String kind() {
        return KIND;
    }
}
