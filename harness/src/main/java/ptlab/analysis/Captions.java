package ptlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ptlab.Accelerator;
import ptlab.parse.AccessParams;
import ptlab.parse.PageLevel;
import ptlab.parse.PagetableDump;

/** Figure captions written from the data: every number in them is measured, none is typed in. */
public final class Captions {
    private Captions() {
    }

    public static String layout(String scheme, Contiguity c) {
        StringBuilder s = new StringBuilder();
        s.append(Fmt.f("Scheme %s: %s pages (%s) in %s virtually contiguous segment(s). ", scheme, Fmt.count(c.pages()),
                Fmt.size(c.pages() * 4096.0), Fmt.count(c.vaSegments())));
        s.append(Fmt.f("Contiguity: %s of virtually consecutive page pairs are physically consecutive; %s physical run(s), the largest %s pages (%s). ",
                Fmt.pct(c.contiguousFraction()), Fmt.count(c.runs()), Fmt.count(c.largestRun()), Fmt.size(c.largestRun() * 4096.0)));
        s.append(Fmt.f("Huge pages: %s of present pages are in transparent huge pages. ", Fmt.pct(c.hugeFraction())));
        s.append(Fmt.f("%s not present, %s on the zero page, %s with a hidden PFN. ", Fmt.count(c.pages() - c.present()),
                Fmt.count(c.zeroPage()), Fmt.count(c.pfnHidden())));
        if (c.minPa() >= 0) {
            s.append(Fmt.f("Physical span %s..%s. ", Fmt.hex(c.minPa()), Fmt.hex(c.maxPa() + 4095)));
        }
        s.append(observation(c));
        return s.toString().trim();
    }

    /**
     * Whether repetitions of this layout are independent samples, from how the guest started (the
     * manifest's guest_start): a restored guest starts from the memory of its snapshot, a booted one
     * from a fresh boot.
     */
    public static String independence(String guestStart) {
        if (guestStart == null || guestStart.isEmpty()) {
            return "";
        }
        return guestStart.equals("restore")
                ? "The guest was restored from a ready snapshot: every repetition starts from the same memory, so"
                        + " physical layouts may repeat across repetitions (vm.start: boot gives independent samples)."
                : "The guest was booted afresh: repetitions are independent samples of the layout.";
    }

    private static String observation(Contiguity c) {
        if (c.vaSegments() > 1 && c.hugeFraction() < 0.5) {
            return c.contiguousFraction() < 0.5
                    ? "Virtual addresses come in separate chunks and physical frames are scattered: the allocator's chunks and the buddy allocator's free lists decide the layout."
                    : "Virtual addresses come in separate chunks, but frames within a chunk are mostly consecutive.";
        }
        if (c.hugeFraction() >= 0.5) {
            return "Mostly backed by 2 MiB transparent huge pages: runs are multiples of 512 pages, contiguous inside each huge page and placed independently of each other.";
        }
        if (c.contiguousFraction() >= 0.9) {
            return "Contiguous in virtual space and largely contiguous in physical space.";
        }
        return c.contiguousFraction() >= 0.5
                ? "Contiguous in virtual space, physically in runs of a few pages with breaks between them."
                : "Contiguous in virtual space but fragmented in physical space: each 4 KiB page is a separate fault and gets whatever frame the allocator hands out.";
    }

    /**
     * @param perPage  per scheme, stats of one pread per page
     * @param batched  per scheme, stats of the batched read (per entry); may be empty
     */
    public static String pagemapCdf(Map<String, LatencyStats> perPage, Map<String, LatencyStats> batched, long atFloor,
            Optional<Accelerator> accel) {
        List<String> parts = new ArrayList<>();
        perPage.forEach((scheme, st) -> parts.add(scheme + " " + st.summary()));
        StringBuilder s = new StringBuilder("Pagemap translation latency, one pread per page: ")
                .append(String.join("; ", parts)).append(". ");
        if (!batched.isEmpty()) {
            List<String> b = new ArrayList<>();
            batched.forEach((scheme, st) -> b.add(scheme + " " + st.summary()));
            s.append("Batched reads (per entry): ").append(String.join("; ", b)).append(". ");
            List<String> ratios = new ArrayList<>();
            perPage.forEach((scheme, st) -> {
                LatencyStats bs = batched.get(scheme);
                if (bs != null && bs.p50Ns() > 0) {
                    ratios.add(scheme + " " + Fmt.sig3((double) st.p50Ns() / bs.p50Ns()) + "x");
                }
            });
            if (!ratios.isEmpty()) {
                s.append("Per-page over batched at p50: ").append(String.join(", ", ratios))
                        .append(": every per-page read pays a syscall, the seq-file set-up and a copy_to_user that a batched read shares across many entries. ");
            }
        }
        if (atFloor > 0) {
            s.append(Fmt.f("%s sample(s) of 0-1 ns are drawn at 1 ns. ", Fmt.count(atFloor)));
        }
        return s.append(Accelerator.sentence(accel)).toString();
    }

    public static String moduleVsPagemap(LatencyStats module, LatencyStats perPage, LatencyStats batched,
            Optional<Accelerator> accel) {
        StringBuilder s = new StringBuilder(Fmt.f("Same pages, three ways. lkp25p3 walk: %s; pagemap one pread per page: %s",
                module.summary(), perPage.summary()));
        if (batched != null) {
            s.append("; pagemap batched (per entry): ").append(batched.summary());
        }
        s.append(". ");
        if (module.p50Ns() > 0) {
            s.append(Fmt.f("At p50 pagemap per-page takes %sx the module's time", Fmt.sig3((double) perPage.p50Ns() / module.p50Ns())));
            if (batched != null) {
                s.append(Fmt.f(" (batched %sx)", Fmt.sig3((double) batched.p50Ns() / module.p50Ns())));
            }
            s.append(". ");
        }
        s.append("Why: a per-page pagemap read is timed around a whole pread system call (entry and exit, the"
                + " mmap_lock, a page walk set up for one entry, copy_to_user), while the module's time covers only"
                + " its page-table walk under the locks, with no syscall in the timed region: the two differ by"
                + " more than the walk. ");
        return s.append(Accelerator.sentence(accel)).toString();
    }

    public static String heatmap(Heatmap h, AccessParams p) {
        Heatmap.Regions r = h.regions();
        StringBuilder s = new StringBuilder(Fmt.f("%d complete report(s) of %s s each (%d incomplete; %d expected for %d s); each column is drawn at the time its report was logged, so grey shows seconds with no report (incomplete, or a late report under load). ",
                h.complete(), Fmt.sig3(h.columnWidthS()), h.incomplete(), h.expected(), p.durationS()));
        s.append(Fmt.f("Mean accesses/s per page: hot [0, %s) %s, warm [%s, %s) %s, cold [%s, %s) %s. ",
                Fmt.size(p.hotEnd()), Fmt.sig3(r.hot()), Fmt.size(p.warmStart()), Fmt.size(p.warmEnd()), Fmt.sig3(r.warm()),
                Fmt.size(p.warmEnd()), Fmt.size(p.size()), Fmt.sig3(r.cold())));
        if (h.active().isEmpty()) {
            s.append("No active range found in the data. ");
        } else {
            List<String> ranges = new ArrayList<>();
            for (Heatmap.Range a : h.active()) {
                ranges.add(Fmt.f("[%s, %s) at %s/s", Fmt.size(a.startBytes()), Fmt.size(a.endBytes()), Fmt.sig3(a.meanFreq())));
            }
            s.append("Active ranges found in the data: ").append(String.join(", ", ranges)).append(". ");
        }
        s.append(Fmt.f("Rows are %s (%d pages, mean); the A bit is sampled every %d ms, so a page reads at most %s/s. ",
                Fmt.size(h.rowPages() * 4096.0), h.rowPages(), p.scanPeriodMs(), Fmt.sig3(1000.0 / p.scanPeriodMs())));
        if (h.scanNsAvg() >= 0) {
            s.append(Fmt.f("One scan of the buffer took %s on average (max %s). ", Fmt.us(h.scanNsAvg()), Fmt.us(h.scanNsMax())));
        }
        if (h.presentPages() >= 0) {
            s.append(Fmt.f("Last report: %s present pages, %s in THP (THP setting '%s'). ", Fmt.count(h.presentPages()),
                    Fmt.count(Math.max(0, h.thpPages())), p.thp()));
        }
        return s.toString().trim();
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
