package ptlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import ptlab.spec.Start;

class GuestStartTest {
    /** QemuRestore's fallback text, as a run that lost its snapshot wrote it. */
    private static final String REFUSED = "restore failed: QEMU did not take the saved state: QEMU closed the QMP"
            + " socket (qemu-system-x86_64: Unknown savevm section or instance 'kvm-tpr-opt' 0); snapshot removed";

    @Test
    void manifestsKeepTheirText() {
        assertEquals("restore", GuestStart.RESTORE.label());
        assertEquals("boot", GuestStart.BOOT.label());
        assertEquals("boot (" + REFUSED + ")", GuestStart.bootInstead(REFUSED).label());
        assertEquals("boot (no snapshot: mkdir failed)", GuestStart.bootInstead("no snapshot: mkdir failed").toString());
    }

    @Test
    void everyLabelReadsBackAsWhatWroteIt() {
        for (GuestStart s : new GuestStart[] {GuestStart.RESTORE, GuestStart.BOOT, GuestStart.bootInstead(REFUSED)}) {
            assertEquals(Optional.of(s), GuestStart.ofLabel(s.label()));
        }
        GuestStart fallback = GuestStart.ofLabel("boot (" + REFUSED + ")").orElseThrow();
        assertEquals(Start.BOOT, fallback.how());
        assertEquals(REFUSED, fallback.fallback());
        assertFalse(fallback.restored());
        assertTrue(GuestStart.ofLabel("restore").orElseThrow().restored());
    }

    @Test
    void whatNoHarnessWroteIsUnknown() {
        for (String label : new String[] {null, "", "-", "Restore", "restore (why)", "boot ()", "reboot"}) {
            assertEquals(Optional.empty(), GuestStart.ofLabel(label), label);
        }
        assertThrows(IllegalArgumentException.class, () -> new GuestStart(Start.RESTORE, "why"));
    }
}
