package ptlab.changes;

/**
 * Two images (kernels) of one campaign compared on one quantity.
 *
 * @param kernelA the guest kernel release of image A's repetitions
 * @param a       A's median over its repetitions, with its interval
 * @param ratio   B's median over A's, with its interval and effect size
 * @param called  whether B differs from A beyond noise (the interval excludes 1) and the reproduction tolerance
 */
public record KernelPair(String quantity, String imageA, String kernelA, Estimate a, String imageB, String kernelB,
        Estimate b, Ratio ratio, boolean called) {
}
