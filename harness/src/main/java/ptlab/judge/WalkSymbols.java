package ptlab.judge;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a module's "page-table walk" walks: the kernel functions it calls that translate for it
 * ({@code get_user_pages*}, {@code follow_page}, {@code follow_pte}, {@code walk_page_range}...), read
 * from {@code nm -u} of the student's .ko. Shown to a reader, never scored: a hand-rolled walk calls
 * none of them, and calling one is not wrong in itself.
 */
public final class WalkSymbols {
    private static final List<String> TRANSLATING = List.of("get_user_pages", "pin_user_pages", "follow_page",
            "follow_pte", "follow_pfn", "follow_phys", "walk_page_range", "walk_page_vma", "get_user_page_vma_remote",
            "lookup_address", "page_table_check");

    private WalkSymbols() {
    }

    /** The translating functions among {@code nmOutput}'s undefined symbols ("  U name" lines), sorted. */
    public static Set<String> translating(String nmOutput) {
        Set<String> found = new TreeSet<>();
        for (String line : nmOutput.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            String sym = f[f.length - 1];
            if (TRANSLATING.stream().anyMatch(sym::startsWith)) {
                found.add(sym);
            }
        }
        return found;
    }

    /** One sentence for the report. */
    public static String sentence(String nmOutput) {
        Set<String> t = translating(nmOutput);
        long all = nmOutput.lines().filter(l -> l.trim().startsWith("U ")).count();
        return t.isEmpty() ? "Shown, not scored: the module calls none of the kernel's translating functions"
                + " (get_user_pages*, follow_page, follow_pte, walk_page_range...) among its " + all
                + " undefined symbols: its walk is its own."
                : "Shown, not scored: the module calls " + String.join(", ", t) + " (of " + all
                + " undefined symbols): the kernel translates for it there, rather than a walk of its own.";
    }
}
