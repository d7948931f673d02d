package ptlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ptlab.Accelerator;
import ptlab.GuestStart;
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
    public static String independence(Optional<GuestStart> guestStart) {
        if (guestStart.isEmpty()) {
            return "";
        }
        return guestStart.get().restored()
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
     * @param hugeFraction  per scheme, the share of present pages in transparent huge pages
     */
    public static String pagemapCdf(Map<String, LatencyStats> perPage, Map<String, LatencyStats> batched,
            Map<String, Double> hugeFraction, long atFloor, Optional<Accelerator> accel) {
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
                        .append(": every per-page read pays a syscall, pagemap_read's buffer allocation, the mmap_lock and a walk_page_range"
                                + " set-up, and a copy_to_user, that a batched read shares across up to 65,536 entries"
                                + " (pagemap is a plain read handler, not a seq_file). ");
            }
        }
        s.append(thpReason(perPage, hugeFraction));
        if (atFloor > 0) {
            s.append(Fmt.f("%s sample(s) of 0-1 ns are drawn at 1 ns. ", Fmt.count(atFloor)));
        }
        return s.append(Accelerator.sentence(accel)).toString();
    }

    /**
     * Why schemes mostly in THP read faster, when the data shows it: per such scheme its THP share and its p50
     * against the scheme with the fewest huge pages.
     */
    static String thpReason(Map<String, LatencyStats> perPage, Map<String, Double> hugeFraction) {
        String base = null;
        for (String scheme : perPage.keySet()) {
            double h = hugeFraction.getOrDefault(scheme, 0.0);
            if (h < 0.5 && (base == null || h < hugeFraction.getOrDefault(base, 0.0))) {
                base = scheme;
            }
        }
        if (base == null || perPage.get(base).p50Ns() <= 0) {
            return "";
        }
        List<String> faster = new ArrayList<>();
        List<String> notFaster = new ArrayList<>();
        for (Map.Entry<String, LatencyStats> e : perPage.entrySet()) {
            double h = hugeFraction.getOrDefault(e.getKey(), 0.0);
            if (h >= 0.5) {
                double ratio = (double) e.getValue().p50Ns() / perPage.get(base).p50Ns();
                (ratio < 1 ? faster : notFaster).add(Fmt.f("%s has %s of its pages in THP and reads at %sx %s's p50",
                        e.getKey(), Fmt.pct(h), Fmt.sig3(ratio), base));
            }
        }
        StringBuilder s = new StringBuilder();
        if (!faster.isEmpty()) {
            s.append(String.join("; ", faster)).append(": for a huge page pagemap's walk stops at the PMD (pagemap_pmd_range"
                    + " fills the entries from the PMD itself, no PTE table is mapped or locked), one level and one lock"
                    + " fewer than for a 4 KiB page. ");
        }
        if (!notFaster.isEmpty()) {
            s.append(String.join("; ", notFaster)).append(": its walk stops at the PMD too, but here the syscall's fixed cost"
                    + " hides the level it saves. ");
        }
        return s.toString();
    }

    /**
     * The two like-for-like comparisons of the module and pagemap on the same pages.
     *
     * @param write        each write() of one VA to /proc/lkp25p3, timed in user space like pagemap's pread; null when
     *                     the run has no write-lat.csv or its writes carried several VAs
     * @param perPage      pagemap, one pread per page
     * @param walk         the module's walk with the empty ktime_get_ns() pair subtracted (raw when clk is null)
     * @param clk          the empty ktime_get_ns() pairs the module read before each walk, or null when not logged
     * @param notAboveClock walks that took no longer than their own clock pair (drawn at the 1 ns floor)
     * @param batchMeans   pagemap batched, one mean per entry for each batch, or null
     * @param clocksource  the guest's clocksource, or empty when not recorded
     */
    public static String moduleVsPagemap(LatencyStats write, LatencyStats perPage, LatencyStats walk, LatencyStats clk,
            long notAboveClock, LatencyStats batchMeans, String clocksource, Optional<Accelerator> accel) {
        StringBuilder s = new StringBuilder("Same pages, compared like for like. ");
        if (write != null && write.n() > 0) {
            s.append(Fmt.f("Syscall to syscall: one write() of one VA to /proc/lkp25p3 %s; one pread() of one pagemap entry %s",
                    write.summary(), perPage.summary()));
            if (perPage.p50Ns() > 0) {
                s.append(Fmt.f(" (write/pread at p50: %sx)", Fmt.sig3((double) write.p50Ns() / perPage.p50Ns())));
            }
            s.append(". Both are timed in user space with CLOCK_MONOTONIC right around the call; the write also copies and"
                    + " parses the text, finds the VMA and logs one kmsg line, the pread allocates its buffer, runs"
                    + " walk_page_range and copies 8 bytes out. ");
        } else {
            s.append(Fmt.f("pagemap one pread per page: %s; no single-VA write() times were recorded (write-lat.csv absent, or"
                    + " the workload's batch was above 1), so there is no syscall to compare it with. ", perPage.summary()));
        }
        s.append(Fmt.f("Walk to walk: lkp25p3 walk: %s", walk.summary()));
        if (clk != null && clk.n() > 0) {
            s.append(Fmt.f(" after subtracting an empty ktime_get_ns() pair read before each walk (that pair: %s%s)",
                    clk.summary(), clocksource.isEmpty() ? "" : ", clocksource " + clocksource));
            if (notAboveClock > 0) {
                s.append(Fmt.f("; %s walks (%s) took no longer than their pair and are drawn at 1 ns: the walk is as short"
                        + " as the clock's own read there", Fmt.count(notAboveClock),
                        Fmt.pct((double) notAboveClock / Math.max(1, walk.n()))));
            }
        } else {
            s.append(" (the clock's own cost was not logged and is included)");
        }
        if (batchMeans != null && batchMeans.n() > 0) {
            s.append(Fmt.f("; pagemap batched, per entry: %s over %s batch(es), drawn as one point per batch since every entry"
                    + " of a batch carries the batch's mean", batchMeans.summary(), Fmt.count(batchMeans.n())));
            if (walk.p50Ns() > 0) {
                s.append(Fmt.f(" (batched/module walk at p50: %sx)", Fmt.sig3((double) batchMeans.p50Ns() / walk.p50Ns())));
            }
        }
        s.append(". Here the module's time covers only its page-table walk under the locks, no syscall in the timed region;"
                + " a batched pagemap read shares its syscall over up to 65,536 entries, so its mean per entry is mostly"
                + " walk and copy. ");
        return s.append(Accelerator.sentence(accel)).toString();
    }

    public static String heatmap(Heatmap h, AccessParams p) {
        return heatmap(h, p, null);
    }

    public static String heatmap(Heatmap h, AccessParams p, AccessPasses passes) {
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
        s.append(saturation(passes, p));
        if (h.scanNsAvg() >= 0) {
            s.append(Fmt.f("One scan of the buffer took %s on average (max %s). ", Fmt.us(h.scanNsAvg()), Fmt.us(h.scanNsMax())));
        }
        if (h.presentPages() >= 0) {
            s.append(Fmt.f("Last report: %s present pages, %s in THP (THP setting '%s'). ", Fmt.count(h.presentPages()),
                    Fmt.count(Math.max(0, h.thpPages())), p.thp()));
        }
        return s.toString().trim();
    }

    /** The access workload's own count of what it did (memalloc.out's access_done line). */
    public record AccessPasses(long elapsedMs, long hotPasses, long warmPasses, long warmLate, long warmPeriodUs) {
    }

    /**
     * Why hot and warm can read the same rate: a page's A bit is sampled once per scan period, so a page touched at
     * least once per period reads the ceiling; the passes the workload counted say whether both regions did.
     */
    public static String saturation(AccessPasses a, AccessParams p) {
        if (a == null || a.elapsedMs() <= 0) {
            return "";
        }
        double secs = a.elapsedMs() / 1000.0;
        double ceiling = 1000.0 / p.scanPeriodMs();
        double hotRate = a.hotPasses() / secs;
        double warmRate = a.warmPasses() / secs;
        StringBuilder s = new StringBuilder(passes(a));
        boolean hotSat = hotRate >= ceiling;
        boolean warmSat = warmRate >= ceiling;
        if (hotSat && warmSat) {
            s.append(Fmt.f("Both rates are above the %s/s a %d ms A-bit sample can show (one young bit per sample), so hot and warm"
                    + " both read at most %s/s and the heatmap cannot tell them apart by rate; a shorter scan period or a"
                    + " slower warm period would. ", Fmt.sig3(ceiling), p.scanPeriodMs(), Fmt.sig3(ceiling)));
        } else if (hotSat) {
            s.append(Fmt.f("Hot passes come faster than the %s/s ceiling of a %d ms sample; warm ones do not, so warm reads below"
                    + " hot. ", Fmt.sig3(ceiling), p.scanPeriodMs()));
        } else {
            s.append(Fmt.f("Neither region is read faster than the %s/s ceiling of a %d ms sample. ", Fmt.sig3(ceiling),
                    p.scanPeriodMs()));
        }
        return s.toString();
    }

    /** DAMON's witness: what it saw of hot, warm and cold, and why it undercounts under TCG. */
    public static String damon(DamonWitness w, AccessParams p, long aggrUs, long sampleUs, AccessPasses passes,
            long flushes, Optional<Accelerator> accel) {
        StringBuilder s = new StringBuilder(Fmt.f("DAMON (vaddr, one sample every %s, aggregations of %s, so at most %d sampled"
                + " accesses per aggregation) on the access workload's process in a phase of its own, the lkp25p3 scanner off. ",
                Fmt.us(sampleUs * 1000.0), Fmt.us(aggrUs * 1000.0), w.maxAccesses()));
        s.append(Fmt.f("Of %s aggregations covering the buffer, hot's interior was mostly in accessed regions in %s, warm's in %s."
                + " An accessed region lay wholly in cold in %s; in %s more an accessed region straddled warm_end (%s) or the"
                + " buffer's end by over %s while DAMON was still splitting toward it (a region is DAMON's unit of resolution). The accessed part of"
                + " the buffer ended within %s of warm_end or hot_end (%s) in %s; some region boundary lay that close to"
                + " warm_end in %s and to hot_end in %s. Grey: no region of the aggregation covered the row. ",
                Fmt.count(w.aggregations()), Fmt.pct(w.share(w.hotSeen())), Fmt.pct(w.share(w.warmSeen())),
                Fmt.count(w.coldSeen()), Fmt.count(w.straddling()), Fmt.size(p.warmEnd()), Fmt.size(DamonWitness.TOLERANCE),
                Fmt.size(DamonWitness.TOLERANCE), Fmt.size(p.hotEnd()), Fmt.pct(w.share(w.edgeFound())),
                Fmt.pct(w.share(w.warmEndEdge())), Fmt.pct(w.share(w.hotEndEdge()))));
        if (w.meanIntervalS() > 0) {
            s.append(Fmt.f("An aggregation came every %s on average (%s when kdamond keeps up), and each is drawn over the"
                    + " whole time since the one before it. ", Fmt.sig3(w.meanIntervalS() * 1000) + " ms",
                    Fmt.sig3(aggrUs / 1000.0) + " ms"));
        }
        s.append(passes(passes));
        if (w.flushMs() > 0) {
            s.append(Fmt.f("The workload flushed its own TLB every %d ms (%s flushes: an mprotect() of a populated 1 MiB scratch"
                    + " mapping, over x86's 33-page limit for page-by-page flushes, so the whole TLB of the process on every CPU"
                    + " running it). DAMON clears a sampled page's accessed bit without a flush, which x86 allows: a hardware TLB"
                    + " of about two thousand entries evicts the translations of a 256 MiB region within microseconds, and the"
                    + " next read sets the bit again. QEMU's software TLB grows to 2^22 entries (16 GiB of 4 KiB pages) and"
                    + " keeps them, so without the flush the readers set no accessed bit again. Measured under TCG (bench/damon-flush.sh, 20 s runs, share"
                    + " of aggregations with hot and warm seen accessed): without the flush, trixie 6.12 18%% and 23%%, 0.6%%"
                    + " and 99%%, 15%% and 14%%; sid 7.2 0.6%% and 1.3%%, then 98%% and 98%%, depending on whether a reader shared its vCPU"
                    + " with other processes (each switch reloads CR3: the guest has no PCID); with it, 96-99%% for both in all"
                    + " five runs. The flush changes no accessed bit of the buffer, but under TCG it slows the readers: QEMU"
                    + " refills its software TLB page by page after each one (trixie, same 20 s: 1,778 hot and 1,415 warm passes"
                    + " with it against 17,430 and 8,533 without), so the pass counts above are not those of the heatmap's phase."
                    + " On hardware the readers miss the TLB on nearly every page anyway (65,536 pages per region), so a flush adds"
                    + " little there. DAMON witnesses where the accesses fall, not their rate. ", w.flushMs(), Fmt.count(flushes)));
        } else if (w.emulated()) {
            s.append(Fmt.f("DAMON can undercount under TCG, and warm's share (%s) is therefore reported, not judged: DAMON clears"
                    + " a sampled page's accessed bit without a TLB flush, which x86 allows, but QEMU's software TLB keeps the"
                    + " translation, so later reads need not set the bit again and the page can look idle; this run's workload"
                    + " did not flush its own TLB (later runs do, and are judged). ", Fmt.pct(w.share(w.warmSeen()))));
        } else {
            s.append("DAMON clears accessed bits without a TLB flush, so a translation cached in the TLB can hide accesses"
                    + " until it is evicted: the shares above are a lower bound. ");
        }
        return s.append(Accelerator.sentence(accel)).toString();
    }

    /** The workload's passes: how often it read hot and warm, and how many warm passes overran their period. */
    static String passes(AccessPasses a) {
        if (a == null || a.elapsedMs() <= 0) {
            return "";
        }
        double secs = a.elapsedMs() / 1000.0;
        StringBuilder s = new StringBuilder(Fmt.f("The workload made %s hot passes (%s/s) and %s warm passes (%s/s) in %s s",
                Fmt.count(a.hotPasses()), Fmt.sig3(a.hotPasses() / secs), Fmt.count(a.warmPasses()),
                Fmt.sig3(a.warmPasses() / secs), Fmt.sig3(secs)));
        if (a.warmPeriodUs() > 0) {
            s.append(Fmt.f("; a warm pass was due every %s µs, %s warm passes ended after their next deadline (warm_late)",
                    Fmt.count(a.warmPeriodUs()), Fmt.count(a.warmLate())));
            if (a.warmPasses() > 0 && a.warmLate() * 2 > a.warmPasses()) {
                s.append(Fmt.f(": most warm passes took longer than their period, about %s ms each",
                        Fmt.sig3(a.elapsedMs() / (double) a.warmPasses())));
            }
        }
        s.append(". ");
        return s.toString();
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
