package ptlab.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.Accelerator;
import ptlab.spec.Accel;

class QemuArgsTest {
    private static VmConfig config(Accelerator accel, Path disk) {
        return new VmConfig("qemu-system-x86_64", accel, 2, 4096, Path.of("/img/vmlinuz"), Path.of("/img/initrd.img"),
                disk, "root=/dev/vda console=ttyS0 panic=-1", 40022, Path.of("/run/console.log"));
    }

    @Test
    void tcgGuestHasEveryRequiredPiece() {
        List<String> a = QemuArgs.argv(config(Accelerator.TCG, Path.of("/img/disk.img")));
        assertEquals("qemu-system-x86_64", a.get(0));
        assertTrue(a.containsAll(List.of("-nodefaults", "-no-reboot", "-no-user-config")));
        assertEquals("q35,accel=tcg", a.get(a.indexOf("-machine") + 1));
        assertEquals("max,la57=off", a.get(a.indexOf("-cpu") + 1), "4-level page tables like common hardware");
        assertEquals("2", a.get(a.indexOf("-smp") + 1));
        assertEquals("4096M", a.get(a.indexOf("-m") + 1));
        assertEquals("/img/vmlinuz", a.get(a.indexOf("-kernel") + 1));
        assertEquals("/img/initrd.img", a.get(a.indexOf("-initrd") + 1));
        assertTrue(a.get(a.indexOf("-append") + 1).contains("panic=-1"));
        String drive = a.get(a.indexOf("-drive") + 1);
        assertTrue(drive.contains("snapshot=on"), "base image must be opened copy-on-write: " + drive);
        assertTrue(drive.contains("if=virtio"));
        assertEquals("user,id=net0,restrict=on,hostfwd=tcp:127.0.0.1:40022-:22", a.get(a.indexOf("-netdev") + 1));
        assertEquals("file,id=con0,path=/run/console.log", a.get(a.indexOf("-chardev") + 1));
    }

    @Test
    void kvmUsesHostCpu() {
        List<String> a = QemuArgs.argv(config(Accelerator.KVM, Path.of("/img/disk.img")));
        assertEquals("q35,accel=kvm", a.get(a.indexOf("-machine") + 1));
        assertEquals("host", a.get(a.indexOf("-cpu") + 1));
    }

    @Test
    void commasInPathsAreEscaped() {
        List<String> a = QemuArgs.argv(config(Accelerator.TCG, Path.of("/img/a,b/disk.img")));
        assertTrue(a.get(a.indexOf("-drive") + 1).startsWith("file=/img/a,,b/disk.img,"));
    }

    @Test
    void networkNeverBindsBeyondLoopback() {
        for (String s : QemuArgs.network(1234)) {
            assertFalse(s.contains("0.0.0.0"), s);
        }
        assertTrue(QemuArgs.network(1234).get(1).contains("hostfwd=tcp:127.0.0.1:1234-:22"));
    }

    @Test
    void aDryRunShowsAutoAsTcgAndSaysSo() {
        assertEquals(Accelerator.TCG, Accel.AUTO.shownInDryRun());
        assertEquals(Accelerator.KVM, Accel.KVM.shownInDryRun());
        assertEquals(Accel.KVM, Accel.parse(" KVM "));
        assertThrows(IllegalArgumentException.class, () -> Accel.parse("hvf"));
    }

    @Test
    void shellQuoteRoundTripsSpaces() {
        assertEquals("qemu -append 'a b' 'it'\\''s'", QemuArgs.shellQuote(List.of("qemu", "-append", "a b", "it's")));
    }

    @Test
    void kvmProbeBootsWithARootThatCannotExist() {
        List<String> a = AccelProbe.probeArgv("qemu", Path.of("/k"), Path.of("/c"));
        assertTrue(a.contains("-no-reboot"));
        assertTrue(a.get(a.indexOf("-append") + 1).contains("panic=-1"));
        assertEquals("q35,accel=kvm", a.get(a.indexOf("-machine") + 1));
    }
}
