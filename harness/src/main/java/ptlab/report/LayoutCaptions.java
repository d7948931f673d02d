package ptlab.report;

import ptlab.analysis.Contiguity;
import ptlab.analysis.Fmt;
import java.util.Optional;
import ptlab.GuestStart;

/** Captions of the Part 1 layout figures, written from the data: every number in them is measured. */
public final class LayoutCaptions {
    private LayoutCaptions() {
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
}
