package ptlab.plan;

import ptlab.spec.Scheme;

/**
 * One thing a run does, in order. The names are the contract with the orchestrator and the run folder:
 * {@value #BOOT}, {@value #BUILD_WORKLOADS}, {@value #BUILD_LKP25P3}, {@value #BUILD_PAGETABLE},
 * {@code part1-<scheme>} (see {@link #part1}), one per workload kind for the others ({@value #XLATE},
 * {@value #VMA_DUMP}, {@value #ACCESS}, {@value #PAGETABLE}), then {@value #COLLECT} and {@value #RENDER}.
 *
 * @param name stable identifier, also used in progress output and failure messages
 * @param description what the step does, for people
 * @param timeoutS seconds after which the step fails
 */
public record Step(String name, String description, long timeoutS) {
    public static final String BOOT = "boot";
    public static final String BUILD_WORKLOADS = "build-workloads";
    public static final String BUILD_LKP25P3 = "build-lkp25p3";
    public static final String BUILD_PAGETABLE = "build-pagetable";
    public static final String PART1_PREFIX = "part1-";
    public static final String XLATE = "xlate";
    public static final String VMA_DUMP = "vma_dump";
    public static final String ACCESS = "access";
    public static final String PAGETABLE = "pagetable";
    public static final String COLLECT = "collect";
    public static final String RENDER = "render";

    /** "part1-4k", "part1-2m", "part1-whole". */
    public static String part1(Scheme scheme) {
        return PART1_PREFIX + scheme.label();
    }
}
