package ptlab.analysis;

import java.util.ArrayList;
import java.util.List;
import ptlab.parse.GetpfnTable;
import ptlab.parse.PageLevel;
import ptlab.parse.PagemapTable;
import ptlab.parse.PagetableDump;

/**
 * For every page of the target buffer: the PFN from IOCTL_GET_PFN, the PA from the module's mapping
 * dump and the PFN from pagemap, which both must equal.
 */
public record PagetableComparison(List<Row> rows, OracleResult ioctlOracle, OracleResult dumpOracle) {
    public static final String IOCTL_NAME = "ioctl PFN == pagemap PFN";
    public static final String DUMP_NAME = "pagetable dump == pagemap";

    /** One page; -1 where a source has no value (not present, error, or no row). */
    public record Row(long va, long pagemapPfn, long ioctlPfn, long ioctlErrno, long dumpPfn, PageLevel dumpLevel,
            boolean ioctlAgrees, boolean dumpAgrees) {
    }

    /**
     * @param pages    page addresses of the buffer, ascending
     * @param pagemap  VA-sorted pagemap table
     * @param dump     the last complete dump of the target, or null when there is none
     */
    public static PagetableComparison compare(long[] pages, PagemapTable pagemap, GetpfnTable getpfn,
            PagetableDump.Dump dump, String dumpNote) {
        PageIndex ioctlIndex = PageIndex.of(getpfn.size(), getpfn::va);
        List<Row> rows = new ArrayList<>(pages.length);
        long ioctlBad = 0;
        long dumpBad = 0;
        long noPagemap = 0;
        long noIoctl = 0;
        String firstIoctl = null;
        String firstDump = null;
        for (long va : pages) {
            int pi = pagemap.indexOfPage(va);
            long pm = pi < 0 || !pagemap.has(pi, PagemapTable.PRESENT) || pagemap.pfn(pi) == 0 ? -1 : pagemap.pfn(pi);
            if (pi < 0) {
                noPagemap++;
            }
            int gi = ioctlIndex.row(va);
            long io = gi < 0 || getpfn.errno(gi) != 0 || getpfn.pfn(gi) == 0 ? -1 : getpfn.pfn(gi);
            long errno = gi < 0 ? -1 : getpfn.errno(gi);
            if (gi < 0) {
                noIoctl++;
            }
            long dpa = dump == null ? -1 : dump.translate(va);
            long dp = dpa < 0 ? -1 : dpa >>> 12;
            PageLevel level = dump == null || dpa < 0 ? PageLevel.NONE : dump.levelOf(va);
            boolean ioOk = pi >= 0 && gi >= 0 && io == pm;
            boolean dOk = pi >= 0 && dump != null && dp == pm;
            if (!ioOk) {
                ioctlBad++;
                if (firstIoctl == null) {
                    firstIoctl = Fmt.f("va=%s ioctl=%s (errno %d) pagemap=%s", Fmt.hex(va), pfn(io), errno, pfn(pm));
                }
            }
            if (!dOk) {
                dumpBad++;
                if (firstDump == null) {
                    firstDump = Fmt.f("va=%s dump=%s pagemap=%s", Fmt.hex(va), pfn(dp), pfn(pm));
                }
            }
            rows.add(new Row(va, pm, io, errno, dp, level, ioOk, dOk));
        }
        String base = Fmt.f("%s buffer pages", Fmt.count(pages.length));
        String ioDetail = base + Fmt.f(", %s agree, %s disagree (%s without ioctl row, %s without pagemap row)",
                Fmt.count(pages.length - ioctlBad), Fmt.count(ioctlBad), Fmt.count(noIoctl), Fmt.count(noPagemap))
                + (firstIoctl == null ? "" : "; first: " + firstIoctl);
        String dDetail = dump == null ? "no complete dump of the target" + dumpNote
                : base + Fmt.f(", %s agree, %s disagree", Fmt.count(pages.length - dumpBad), Fmt.count(dumpBad))
                + (firstDump == null ? "" : "; first: " + firstDump) + dumpNote;
        return new PagetableComparison(rows,
                OracleResult.of(IOCTL_NAME, pages.length > 0 && ioctlBad == 0, ioDetail),
                OracleResult.of(DUMP_NAME, pages.length > 0 && dump != null && dumpBad == 0, dDetail));
    }

    private static String pfn(long p) {
        return p < 0 ? "none" : Fmt.hex(p);
    }
}
