package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WalkSymbolsTest {
    @Test
    void aHandRolledWalkCallsNoTranslatingFunction() {
        String nm = "                 U __fentry__\n                 U _printk\n                 U proc_create\n"
                + "                 U mmap_read_lock\n";
        assertEquals(Set.of(), WalkSymbols.translating(nm));
        assertTrue(WalkSymbols.sentence(nm).contains("among its 4 undefined symbols: its walk is its own"));
    }

    @Test
    void getUserPagesAndFollowPteAreNamed() {
        String nm = "                 U get_user_pages_remote\n                 U follow_pte\n                 U _printk\n";
        assertEquals(Set.of("follow_pte", "get_user_pages_remote"), WalkSymbols.translating(nm));
        assertTrue(WalkSymbols.sentence(nm).startsWith("Shown, not scored: the module calls follow_pte,"
                + " get_user_pages_remote (of 3 undefined symbols)"), WalkSymbols.sentence(nm));
    }
}
