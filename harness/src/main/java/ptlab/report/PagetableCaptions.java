package ptlab.report;

import ptlab.analysis.Fmt;
import ptlab.analysis.PagetableComparison;
import ptlab.parse.PageLevel;
import ptlab.parse.PagetableDump;

/** The caption of the pagetable module's comparison with pagemap, written from the data. */
public final class PagetableCaptions {
    private PagetableCaptions() {
    }

    public static String pagetable(PagetableComparison c, PagetableDump.Dump dump) {
        long n = c.rows().size();
        long io = c.rows().stream().filter(PagetableComparison.Row::ioctlAgrees).count();
        long du = c.rows().stream().filter(PagetableComparison.Row::dumpAgrees).count();
        StringBuilder s = new StringBuilder(Fmt.f("IOCTL_GET_PFN equals pagemap's PFN for %s of %s buffer pages (%s). ",
                Fmt.count(io), Fmt.count(n), Fmt.pct(n == 0 ? 0 : (double) io / n)));
        if (dump == null) {
            s.append("No complete mapping dump of the target was found in kmsg.");
            return s.toString();
        }
        long[] byLevel = new long[PageLevel.values().length];
        for (PagetableDump.Run r : dump.runs()) {
            byLevel[r.level().ordinal()] += r.pages();
        }
        s.append(Fmt.f("The module's dump of pid %d (%s): %s VMAs, %s runs, %s pages (pte %s, pmd %s, pud %s pages); it equals pagemap for %s of %s buffer pages.",
                dump.pid(), dump.comm(), Fmt.count(dump.vmas()), Fmt.count(dump.runs().size()), Fmt.count(dump.pages()),
                Fmt.count(byLevel[PageLevel.PTE.ordinal()]), Fmt.count(byLevel[PageLevel.PMD.ordinal()]),
                Fmt.count(byLevel[PageLevel.PUD.ordinal()]), Fmt.count(du), Fmt.count(n)));
        return s.toString();
    }
}
