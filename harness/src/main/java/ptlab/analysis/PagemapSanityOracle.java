package ptlab.analysis;

/**
 * Part 1 has no second source of truth for PFNs, so it checks that the data can be one: every page of
 * the buffer present (the workload wrote it) with a visible PFN (pagemap read as root).
 */
public final class PagemapSanityOracle {
    private PagemapSanityOracle() {
    }

    public static OracleResult check(String scheme, Contiguity c) {
        String name = "part1 " + scheme + ": every page present with a visible PFN";
        if (c.pages() == 0) {
            return OracleResult.fail(name, "pagemap-per-page.csv has no rows");
        }
        boolean ok = c.present() == c.pages() && c.pfnHidden() == 0 && c.zeroPage() == 0;
        return OracleResult.of(name, ok, Fmt.f("%s pages, %s present, %s with PFN 0 (hidden), %s zero-page",
                Fmt.count(c.pages()), Fmt.count(c.present()), Fmt.count(c.pfnHidden()), Fmt.count(c.zeroPage())));
    }
}
