package ptlab.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The vm_flags bits whose value and smaps mnemonic are the same on every kernel in vm-images/
 * (5.10 to 7.x, x86-64). Bits that moved or depend on config (soft-dirty, uffd, pkeys, shadow stack,
 * VM_DENYWRITE) are left out of the comparison on purpose.
 */
public final class VmFlagNames {
    private static final Map<String, Long> BITS = new LinkedHashMap<>();

    static {
        BITS.put("rd", 0x1L);
        BITS.put("wr", 0x2L);
        BITS.put("ex", 0x4L);
        BITS.put("sh", 0x8L);
        BITS.put("mr", 0x10L);
        BITS.put("mw", 0x20L);
        BITS.put("me", 0x40L);
        BITS.put("ms", 0x80L);
        BITS.put("gd", 0x100L);
        BITS.put("pf", 0x400L);
        BITS.put("lo", 0x2000L);
        BITS.put("io", 0x4000L);
        BITS.put("sr", 0x8000L);
        BITS.put("rr", 0x10000L);
        BITS.put("dc", 0x20000L);
        BITS.put("de", 0x40000L);
        BITS.put("ac", 0x100000L);
        BITS.put("nr", 0x200000L);
        BITS.put("ht", 0x400000L);
        BITS.put("dd", 0x4000000L);
        BITS.put("mm", 0x10000000L);
        BITS.put("hg", 0x20000000L);
        BITS.put("nh", 0x40000000L);
        BITS.put("mg", 0x80000000L);
    }

    private VmFlagNames() {
    }

    /** Mnemonics of the compared bits set in {@code flags}, sorted. */
    public static TreeSet<String> of(long flags) {
        TreeSet<String> out = new TreeSet<>();
        BITS.forEach((name, bit) -> {
            if ((flags & bit) != 0) {
                out.add(name);
            }
        });
        return out;
    }

    /** The compared subset of an smaps VmFlags list, sorted. */
    public static TreeSet<String> compared(List<String> smapsFlags) {
        TreeSet<String> out = new TreeSet<>();
        for (String f : smapsFlags) {
            if (BITS.containsKey(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
