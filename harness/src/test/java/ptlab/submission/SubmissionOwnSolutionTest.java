package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.files.Trees;
import ptlab.packaging.SubmissionPackager;
import ptlab.testing.TestFiles;

/** The project's own kmod/ and workloads/, packed as harness package packs them, are a complete submission. */
class SubmissionOwnSolutionTest {
    @TempDir
    Path tmp;

    private Path run(String name) throws Exception {
        return TestFiles.copyTree(Path.of("harness/src/test/resources/fixtures/runs", name), tmp.resolve(name));
    }

    @Test
    void everyLkp25p3PartIsFoundInThePackedTarball() throws Exception {
        var packed = SubmissionPackager.pack(List.of(run("quick-part1-bookworm-6.1-tcg"), run("quick-part2-bookworm-6.1-tcg")),
                "123456789", Path.of("").toAbsolutePath(), tmp);
        Unpacked u = new SafeUnpacker().unpack(packed.tarball(), tmp.resolve("x"));
        assertEquals("tar.gz", u.kind());
        Findings f = PartFinder.find(u.root(), Assignment.LKP25_P3, List.of());
        assertTrue(f.allFound(), String.join("\n", f.describe()));
        Map<Part, PartResult> r = PartFinderTest.byPart(f);
        PartResult.Found mod = PartFinderTest.found(r, Part.LKP25P3);
        assertEquals("lkp25p3", mod.module());
        assertEquals(Path.of("part2/Kbuild"), mod.buildFile());
        assertEquals(Path.of("Makefile"), mod.makefile());
        assertTrue(mod.sources().containsAll(List.of(Path.of("part2/lkp_proc.c"), Path.of("part2/lkp_xlate.c"),
                Path.of("part2/lkp_vma.c"), Path.of("part2/lkp_scan.c"), Path.of("part2/ptwalk.h"))), mod.sources().toString());
        assertEquals(Path.of("part1/memalloc.c"), PartFinderTest.found(r, Part.MEMALLOC).sources().get(0));
        assertEquals(Path.of("part1/pagemap.c"), PartFinderTest.found(r, Part.PAGEMAP).sources().get(0));
        assertEquals(Path.of("part2/memalloc.c"), PartFinderTest.found(r, Part.PART2_MEMALLOC).sources().get(0));
    }

    /**
     * The pagetable module and getpfn as they stand in this checkout: getpfn is one of several programs
     * that call ioctl on /dev/pagetable, so the finder asks, and --part settles it.
     */
    @Test
    void thePagetableModuleAndItsUserProgramInThisCheckout() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("checkout"));
        Trees.copy(Path.of("kmod"), root.resolve("kmod"));
        Trees.copy(Path.of("workloads"), root.resolve("workloads"));
        Map<Part, PartResult> r = PartFinderTest.byPart(PartFinder.find(root, Assignment.PAGETABLE, List.of()));
        PartResult.Found mod = PartFinderTest.found(r, Part.PAGETABLE);
        assertEquals("pagetable", mod.module());
        assertTrue(mod.reason().startsWith("module pagetable has module parameter 'pid' and sets .unlocked_ioctl = pt_ioctl"),
                mod.reason());
        PartResult.Ambiguous user = assertInstanceOf(PartResult.Ambiguous.class, r.get(Part.PAGETABLE_USER));
        assertTrue(user.hint().contains("--part pagetable-user=workloads/getpfn.c"), user.hint());
        PartResult.Found getpfn = PartFinderTest.found(PartFinderTest.byPart(PartFinder.find(root, Assignment.PAGETABLE,
                List.of(PartOverride.parse("pagetable-user=workloads/getpfn.c")))), Part.PAGETABLE_USER);
        assertTrue(getpfn.reason().startsWith("workloads/getpfn.c has main() and calls ioctl() on \"/dev/pagetable\", the"
                + " device module pagetable registers"), getpfn.reason());
    }
}
