package ptlab.parse;

import java.util.List;
import java.util.Optional;

/**
 * The mapping dumps of the pagetable module ({@code dump begin pid= comm=}, {@code map va= pa= pages= level=},
 * {@code dump end pid= vmas= pages= runs=}); a dump is complete when {@code runs} equals its map lines.
 */
public record PagetableDump(List<Dump> complete, int incomplete) {
    public PagetableDump {
        complete = List.copyOf(complete);
    }

    /** {@code pages} pages mapped contiguously from {@code va} to {@code pa} at {@code level}. */
    public record Run(int line, long va, long pa, long pages, PageLevel level) {
    }

    /**
     * One dump, runs sorted by VA.
     *
     * @param pagesAgree whether {@code dump end pages=} equals the sum of the runs' pages
     */
    public record Dump(long pid, String comm, int beginLine, List<Run> runs, long vmas, long pages, boolean pagesAgree) {
        public Dump {
            runs = runs.stream().sorted((a, b) -> Long.compareUnsigned(a.va(), b.va())).toList();
        }

        /** The run mapping {@code va}, or null. */
        public Run runAt(long va) {
            int lo = 0;
            int hi = runs.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Run r = runs.get(mid);
                if (Long.compareUnsigned(va, r.va()) < 0) {
                    hi = mid - 1;
                } else if (Long.compareUnsigned(va, r.va() + r.pages() * 4096) >= 0) {
                    lo = mid + 1;
                } else {
                    return r;
                }
            }
            return null;
        }

        /** Physical address of {@code va} according to this dump, or -1 when not mapped. */
        public long translate(long va) {
            Run r = runAt(va);
            return r == null ? -1 : r.pa() + (va - r.va());
        }

        /** The level of the run mapping {@code va}, or NONE. */
        public PageLevel levelOf(long va) {
            Run r = runAt(va);
            return r == null ? PageLevel.NONE : r.level();
        }
    }

    public Optional<Dump> last() {
        return complete.isEmpty() ? Optional.empty() : Optional.of(complete.get(complete.size() - 1));
    }
}
