package ptlab.analysis;

import ptlab.parse.Manifest;

/** Where latencies come from; every caption that shows one says which. */
public enum Accel {
    KVM, TCG, UNKNOWN;

    public static Accel of(Manifest m) {
        switch (m.accelerator()) {
            case "kvm":
                return KVM;
            case "tcg":
                return TCG;
            default:
                return UNKNOWN;
        }
    }

    /** The sentence every latency caption ends with. */
    public String sentence() {
        switch (this) {
            case KVM:
                return "Measured in a KVM guest: hardware-assisted, but two-dimensional (nested) paging adds to every walk.";
            case TCG:
                return "Measured under TCG emulation: emulated: absolute values are not hardware latencies; only ratios and shapes carry over.";
            default:
                return "The manifest does not record the accelerator: the latencies may be emulated.";
        }
    }
}
