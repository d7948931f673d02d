package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class VmaDumpParserTest {
    @TempDir
    Path tmp;

    @Test
    void usesTheLastCompleteDump() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp,
                "lkp25p3: vma_dump begin pid=1",
                "lkp25p3: vma idx=1 start=0x1000 end=0x2000 flags=0x71 pgoff=0x0 type=file name=/old",
                "lkp25p3: vma_dump begin pid=1",
                "lkp25p3: VMA1: [0x00400000 - 0x00452000] (size: 328 KB)",
                "lkp25p3: Permissions: r-xp",
                "lkp25p3: Type: File-backed Mapping",
                "lkp25p3: File: /usr/bin/my bash",
                "lkp25p3: Offset: 0x0",
                "lkp25p3: vma idx=1 start=0x400000 end=0x452000 flags=0x875 pgoff=0x0 type=file name=/usr/bin/my bash",
                "lkp25p3: vma idx=2 start=0xe5a000 end=0xe7b000 flags=0x100073 pgoff=0xe5a type=heap name=[heap]",
                "lkp25p3: vma_dump end pid=1 count=2",
                "lkp25p3: vma_dump begin pid=1",
                "lkp25p3: vma idx=1 start=0x400000 end=0x452000 flags=0x875 pgoff=0x0 type=file name=/usr/bin/bash",
                "lkp25p3: vma_dump end pid=1 count=2"));
        VmaDump d = VmaDumpParser.parse(log);
        assertEquals(1, d.complete().size());
        assertEquals(2, d.incomplete());
        VmaDump.Dump last = d.last().orElseThrow();
        assertEquals(3, last.beginLine());
        VmaEntry bash = last.entries().get(0);
        assertEquals("/usr/bin/my bash", bash.name());
        assertEquals("r-xp", bash.perms());
        assertEquals("r-xp", bash.humanPerms());
        VmaEntry heap = last.entries().get(1);
        assertEquals("rw-p", heap.perms());
        assertEquals("", heap.humanPerms());
        assertEquals(0, heap.mapsOffset());
        assertEquals("heap", heap.type());
    }

    @Test
    void sharedMappingsPrintS() {
        VmaEntry e = new VmaEntry(1, 1, 0, 0x1000, 0x1 | 0x8 | 0x80, 0x2, "file", "/dev/shm/x", "");
        assertEquals("r--s", e.perms());
        assertEquals(0x2000, e.mapsOffset());
    }

    @Test
    void malformedVmaLineIsAnError() {
        KmsgLog log = KmsgParser.parse(Files2.kmsg(tmp, "lkp25p3: vma_dump begin pid=1",
                "lkp25p3: vma idx=1 start=0x400000 end=zz flags=0x875 pgoff=0x0 type=file name=/x"));
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> VmaDumpParser.parse(log));
        assertEquals(2, e.line());
        assertTrue(e.field().endsWith("end"));
    }
}
