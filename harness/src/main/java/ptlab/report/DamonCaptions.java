package ptlab.report;

import ptlab.analysis.DamonWitness;
import ptlab.analysis.Fmt;
import java.util.Optional;
import ptlab.Accelerator;
import ptlab.parse.AccessParams;

/** The caption of DAMON's witness of the access workload, written from the data. */
public final class DamonCaptions {
    private DamonCaptions() {
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
        s.append(AccessPasses.sentence(passes));
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
}
