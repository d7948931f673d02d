package ptlab.analysis;

import java.util.ArrayList;
import java.util.List;
import ptlab.parse.PageLevel;
import ptlab.parse.PagemapTable;
import ptlab.parse.XlateRecord;

/**
 * lkp25p3's translations against pagemap for the same pages: module PA must equal
 * {@code pfn << 12 | (va & 0xfff)} from both the per-page and the batched pagemap reads.
 */
public record XlateComparison(List<Row> rows, long matched, long mismatched, long missing, OracleResult oracle) {
    public static final String NAME = "module VA->PA == pagemap";

    /** One translation; PAs are -1 where the source has none. */
    public record Row(long va, long modulePa, PageLevel level, long moduleLatNs, String moduleErr, long pagemapPa,
            long batchedPa, String status) {
    }

    /**
     * @param perPage  VA-sorted per-page pagemap table of the same pages
     * @param batched  VA-sorted batched table, or null when not read
     * @param written  translations the workload asked for (memalloc.out {@code written=}), or -1 when unknown
     */
    public static XlateComparison compare(List<XlateRecord> module, PagemapTable perPage, PagemapTable batched, long written) {
        List<Row> rows = new ArrayList<>(module.size());
        long matched = 0;
        long mismatched = 0;
        long missing = 0;
        Row firstBad = null;
        for (XlateRecord r : module) {
            long pp = expected(perPage, r.va());
            long bp = batched == null ? -2 : expected(batched, r.va());
            String status;
            if (pp == -2 || (batched != null && bp == -2)) {
                status = "not in pagemap";
                missing++;
            } else if (agrees(r, pp) && (batched == null || agrees(r, bp))) {
                status = "match";
                matched++;
            } else {
                status = "mismatch";
                mismatched++;
            }
            Row row = new Row(r.va(), r.failed() ? -1 : r.pa(), r.level(), r.latNs(), r.err(), Math.max(pp, -1),
                    Math.max(bp, -1), status);
            if (!status.equals("match") && firstBad == null) {
                firstBad = row;
            }
            rows.add(row);
        }
        StringBuilder d = new StringBuilder(Fmt.f("%s translations: %s match, %s mismatch, %s not in pagemap",
                Fmt.count(module.size()), Fmt.count(matched), Fmt.count(mismatched), Fmt.count(missing)));
        if (written >= 0) {
            d.append("; the workload wrote ").append(Fmt.count(written)).append(" VAs");
        }
        if (firstBad != null) {
            d.append(Fmt.f("; first problem: va=%s module pa=%s pagemap pa=%s batched pa=%s (%s)",
                    Fmt.hex(firstBad.va()), paText(firstBad.modulePa(), firstBad.moduleErr()), paText(firstBad.pagemapPa(), ""),
                    paText(firstBad.batchedPa(), ""), firstBad.status()));
        }
        boolean ok = !module.isEmpty() && mismatched == 0 && missing == 0;
        if (module.isEmpty()) {
            d.append("; no xlate lines in kmsg");
        }
        return new XlateComparison(rows, matched, mismatched, missing, OracleResult.of(NAME, ok, d.toString()));
    }

    private static String paText(long pa, String err) {
        return pa >= 0 ? Fmt.hex(pa) : err.isEmpty() ? "none" : "error " + err;
    }

    /** -2: no row for the page; -1: not present or PFN hidden; else the PA. */
    private static long expected(PagemapTable t, long va) {
        int i = t.indexOfPage(va);
        if (i < 0) {
            return -2;
        }
        if (!t.has(i, PagemapTable.PRESENT) || t.pfn(i) == 0) {
            return -1;
        }
        return (t.pfn(i) << 12) | (va & 0xfff);
    }

    private static boolean agrees(XlateRecord r, long expected) {
        return r.failed() ? expected == -1 : expected >= 0 && r.pa() == expected;
    }
}
