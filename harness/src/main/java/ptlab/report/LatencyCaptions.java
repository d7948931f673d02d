package ptlab.report;

import ptlab.analysis.Fmt;
import ptlab.analysis.LatencyStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ptlab.Accelerator;

/**
 * Captions of the latency CDFs (pagemap per page and batched, the module's walk), written from the data:
 * every number in them is measured, and each ends with what the accelerator means for it.
 */
public final class LatencyCaptions {
    private LatencyCaptions() {
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

    /**
     * A submission's own latencies beside the harness's timing of each write() that asked for them.
     *
     * @param student  what the student's lines gave as a time, in ns
     * @param write    each write() of one VA to the student's /proc/lkp25p3, timed in user space by the harness
     * @param cycles   latencies the student gave in cycles, or null
     */
    public static String studentVsWrite(LatencyStats student, LatencyStats write, int vas, LatencyStats cycles,
            Optional<Accelerator> accel) {
        StringBuilder s = new StringBuilder(Fmt.f("The student's module logged a time for %s of %s VAs: %s. The harness timed"
                + " each write() of one VA to /proc/lkp25p3: %s", Fmt.count(student.n()), Fmt.count(vas), student.summary(),
                write.summary()));
        if (student.p50Ns() > 0) {
            s.append(Fmt.f(" (write/logged at p50: %sx)", Fmt.sig3((double) write.p50Ns() / student.p50Ns())));
        }
        s.append(". What the student timed is its own choice (the walk alone, or more); the write() holds it plus the syscall,"
                + " the parsing of the text and the printk. ");
        if (cycles != null) {
            s.append(Fmt.f("%s further latencies were given in cycles, not time (p50 %s cycles), and are not drawn. ",
                    Fmt.count(cycles.n()), Fmt.count(cycles.p50Ns())));
        }
        return s.append(Accelerator.sentence(accel)).toString();
    }

    /**
     * A submission's Part 1: the latencies the student's own pagemap logged for its translations.
     *
     * @param pairs  the VA->PA pairs read from their output
     */
    public static String studentPagemap(LatencyStats student, long pairs, long cycles, Optional<Accelerator> accel) {
        StringBuilder s = new StringBuilder(Fmt.f("The student's pagemap logged a time with a unit for %s latencies (%s VA->PA"
                + " pairs read): %s. What each time covers (one pread of /proc/PID/pagemap, or more) is the student's choice. ",
                Fmt.count(student.n()), Fmt.count(pairs), student.summary()));
        if (cycles > 0) {
            s.append(Fmt.f("%s further latencies were given in cycles, not time, and are not drawn. ", Fmt.count(cycles)));
        }
        return s.append(Accelerator.sentence(accel)).toString();
    }

    /** Why a submission's translate section has no latency figure. */
    public static String noStudentLatency(int vas, LatencyStats cycles, LatencyStats write) {
        String why = cycles == null
                ? "No latency recognised in the student's lines for any of the " + Fmt.count(vas)
                        + " VAs (no number followed by ns, us, µs or ms, nor labelled lat_ns or similar), so there is no latency figure."
                : Fmt.f("The student's lines give latencies in cycles, not time (%s values, p50 %s cycles), so there is no latency"
                        + " figure.", Fmt.count(cycles.n()), Fmt.count(cycles.p50Ns()));
        return why + Fmt.f(" The harness's own write() per VA: %s.", write.summary());
    }
}
