package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.files.Trees;

/** How a user program calls the pagetable ioctl, read from the fixtures' sources and the project's own getpfn. */
class IoctlUseTest {
    private static final Path RES = Path.of("harness/src/test/resources/submissions");

    private static IoctlUse use(Path root) {
        Findings f = PartFinder.find(root, "pagetable", Map.of());
        PartResult.Found user = (PartResult.Found) f.parts().stream().filter(p -> p.part() == Part.PAGETABLE_USER)
                .findFirst().orElseThrow();
        PartResult module = f.parts().stream().filter(p -> p.part() == Part.PAGETABLE).findFirst().orElseThrow();
        return IoctlUse.of(root, user, module instanceof PartResult.Found m ? m : null).orElseThrow();
    }

    @Test
    void aMiscDeviceByPointer() {
        IoctlUse u = use(RES.resolve("pagetable"));
        assertEquals(new IoctlUse("user.c", "IOCTL_GET_PFN", true, "&vpn", List.of("/dev/ptwalker")), u);
    }

    @Test
    void aDynamicMajorWithItsOwnMagicByPointer() {
        IoctlUse u = use(RES.resolve("pagetable-pointer"));
        assertEquals("PFN_IOC_GET", u.command());
        assertTrue(u.byPointer());
        assertEquals(List.of("/dev/pfn_dev"), u.devices());
    }

    /** getpfn calls three commands; the one asking for a PFN by value is the one the assignment defines. */
    @Test
    void theProjectsGetpfnByValue(@TempDir Path tmp) throws IOException {
        Trees.copy(Path.of("kmod/pagetable"), tmp.resolve("kmod/pagetable"));
        Trees.copy(Path.of("kmod/common"), tmp.resolve("kmod/common"));
        Files.createDirectories(tmp.resolve("workloads"));
        for (String f : List.of("getpfn.c", "common.c", "common.h")) {
            Files.copy(Path.of("workloads", f), tmp.resolve("workloads").resolve(f));
        }
        IoctlUse u = use(tmp);
        assertEquals("workloads/getpfn.c", u.file());
        assertEquals("IOCTL_GET_PFN", u.command());
        assertFalse(u.byPointer(), u.argument());
        assertEquals("/dev/pagetable", u.devices().get(0));
    }

    @Test
    void argumentsAreAddressesWhenTheCodeSaysSo() {
        String code = "unsigned long vpn; unsigned long *p = &vpn; struct req r; char buf[16];";
        assertTrue(IoctlUse.pointer("&vpn", code));
        assertTrue(IoctlUse.pointer("(unsigned long)&r", code));
        assertTrue(IoctlUse.pointer("(void *) vpn", code));
        assertTrue(IoctlUse.pointer("p", code));
        assertTrue(IoctlUse.pointer("buf", code));
        assertFalse(IoctlUse.pointer("vpn", code));
        assertFalse(IoctlUse.pointer("(unsigned long)vpn", code));
        assertFalse(IoctlUse.pointer("strtoul(argv[1], NULL, 0)", code));
        assertEquals(List.of("fd", "CMD(1, 2)", "&x"), IoctlUse.arguments("fd, CMD(1, 2), &x);", 0));
        assertEquals(List.of("a", "\"x,)\"", "b"), IoctlUse.arguments("a, \"x,)\", b)", 0));
    }
}
