package ptlab.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One item of a spec's {@code workloads} list, told apart by its {@code kind} key. Each kind appears at
 * most once per spec and the steps run in list order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = Workload.KIND_KEY)
@JsonSubTypes({
    @JsonSubTypes.Type(value = PagemapWorkload.class, name = PagemapWorkload.KIND),
    @JsonSubTypes.Type(value = XlateWorkload.class, name = XlateWorkload.KIND),
    @JsonSubTypes.Type(value = VmaDumpWorkload.class, name = VmaDumpWorkload.KIND),
    @JsonSubTypes.Type(value = AccessWorkload.class, name = AccessWorkload.KIND),
    @JsonSubTypes.Type(value = PagetableWorkload.class, name = PagetableWorkload.KIND)
})
public sealed interface Workload
        permits PagemapWorkload, XlateWorkload, VmaDumpWorkload, AccessWorkload, PagetableWorkload {
    /** The YAML key that names the kind of a workload item. */
    String KIND_KEY = "kind";

    /** The value of {@code kind} in YAML, e.g. "vma_dump". */
    String kind();

    /** The lkp25p3 module serves xlate, vma_dump and access. */
    default boolean needsLkp25p3() {
        return false;
    }
}
