package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.files.Trees;
import ptlab.submission.PartResult.Ambiguous;
import ptlab.submission.PartResult.Found;
import ptlab.submission.PartResult.Missing;

/** The student-style trees under submissions/, in their layouts, each part found for the stated reason. */
class PartFinderTest {
    static final Path FIXTURES = Path.of("harness/src/test/resources/submissions");

    @TempDir
    Path tmp;

    static Map<Part, PartResult> byPart(Findings f) {
        return f.parts().stream().collect(Collectors.toMap(PartResult::part, Function.identity()));
    }

    static Found found(Map<Part, PartResult> r, Part p) {
        return assertInstanceOf(Found.class, r.get(p), () -> p + ": " + r.get(p));
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    @Test
    void theSeedLayoutWithPerPartMakefiles() {
        Findings f = PartFinder.find(FIXTURES.resolve("seed-layout"), Assignment.LKP25_P3, List.of());
        assertTrue(f.allFound(), String.join("\n", f.describe()));
        Map<Part, PartResult> r = byPart(f);
        Found mod = found(r, Part.LKP25P3);
        assertEquals("lkp25p3", mod.module());
        assertEquals(Path.of("part2"), mod.folder());
        assertEquals(Path.of("part2/Makefile"), mod.buildFile());
        assertEquals(Path.of("part2/Makefile"), mod.makefile());
        assertEquals(List.of("part2/lkp25p3.c"), names(mod.sources()));
        assertEquals("part2/lkp25p3.c calls proc_create(\"lkp25p3\", ...); part2/Makefile builds it as lkp25p3.ko"
                + " (obj-m += lkp25p3.o)", mod.reason());
        assertEquals(List.of("part1/memalloc.c"), names(found(r, Part.MEMALLOC).sources()));
        assertEquals(List.of("part2/memalloc.c"), names(found(r, Part.PART2_MEMALLOC).sources()));
        assertTrue(found(r, Part.MEMALLOC).reason().endsWith("(over part2/memalloc.c: the others are in part 2's folder)"),
                found(r, Part.MEMALLOC).reason());
        Found pagemap = found(r, Part.PAGEMAP);
        assertEquals("part1/pagemap.c has main() and opens \"/proc/%s/pagemap\"; Makefile names pagemap", pagemap.reason());
        assertEquals(Path.of("Makefile"), pagemap.makefile());
    }

    /** Folders and files named for their part in the ways students name them; not every name with a digit. */
    @Test
    void partFoldersAndFilesByTheirNames() {
        for (String one : List.of("part1", "Part_1", "p1", "P-1", "Part 1", "Part1-Pagemap", "part1_code", "PartOne",
                "part-one", "lkp-part1", "Assignment_Part1")) {
            assertEquals(1, Candidate.partNamed(partFolder(), one, 0), one);
        }
        for (String two : List.of("part2", "part2_module", "Part2Module", "p2", "p2_kernel", "PART_TWO", "lkp25p3-part2")) {
            assertEquals(2, Candidate.partNamed(partFolder(), two, 0), two);
        }
        for (String none : List.of("part12", "p2p", "project2", "pagemap", "lkp25p3", "src", "part3", "v2", "apart1")) {
            assertEquals(0, Candidate.partNamed(partFolder(), none, 0), none);
        }
        assertEquals(1, new Candidate(Part.MEMALLOC, "part1_memalloc.c", "", null, null, List.of(), null, "", 0).partFolder());
        assertEquals(2, new Candidate(Part.MEMALLOC, "memalloc_part2.c", "", null, null, List.of(), null, "", 0).partFolder());
        assertEquals(0, new Candidate(Part.MEMALLOC, "src/memalloc2.c", "", null, null, List.of(), null, "", 0).partFolder());
    }

    private static java.util.regex.Pattern partFolder() {
        return Candidate.PART_FOLDER;
    }

    /** Sizes as students write them: 2 GiB is Part 1's, 1 GiB (or a write to /proc/lkp25p3) Part 2's. */
    @Test
    void theAllocationSizeTellsTheTwoMemallocsApart() {
        for (String two : List.of("#define SIZE (2UL * 1024 * 1024 * 1024)", "size_t n = 2 * ONE_GB;", "2UL << 30",
                "malloc(1UL << 31)", "long len = 2147483648;", "2 * (1UL << 30)")) {
            assertTrue(PartRules.ownSize(Part.MEMALLOC, two), two);
            assertTrue(!PartRules.ownSize(Part.PART2_MEMALLOC, two), two);
        }
        for (String one : List.of("#define SIZE (1024UL * 1024 * 1024)", "malloc(1UL << 30)", "open(\"/proc/lkp25p3\", O_WRONLY)")) {
            assertTrue(PartRules.ownSize(Part.PART2_MEMALLOC, one), one);
            assertTrue(!PartRules.ownSize(Part.MEMALLOC, one), one);
        }
    }

    /** One folder with memalloc.c (2 GiB, Part 1) and memalloc2.c (1 GiB, Part 2): each part gets its own. */
    @Test
    void aFlatFolderWithTwoMemallocsGivesEachPartItsOwn() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("two-memallocs"));
        Files.writeString(root.resolve("memalloc.c"), "#include <stdlib.h>\n#define GB (1UL << 30)\n"
                + "int main(int argc, char **argv) { char *p = malloc(2 * GB); return p == 0; }\n");
        Files.writeString(root.resolve("memalloc2.c"), "#include <stdlib.h>\n"
                + "int main(void) { char *p = malloc(1UL << 30); return p == 0; }\n");
        Map<Part, PartResult> r = byPart(PartFinder.find(root, Assignment.LKP25_P3, List.of()));
        assertEquals(List.of("memalloc.c"), names(found(r, Part.MEMALLOC).sources()));
        assertEquals(List.of("memalloc2.c"), names(found(r, Part.PART2_MEMALLOC).sources()));
    }

    /** The seed's layout with its part folders named as students name them: every part found where it was. */
    @Test
    void partFoldersNamedOtherwiseSortTheTwoMemallocs() throws Exception {
        Path root = tmp.resolve("renamed");
        Trees.copy(FIXTURES.resolve("seed-layout/part1"), root.resolve("Part1-Pagemap"));
        Trees.copy(FIXTURES.resolve("seed-layout/part2"), root.resolve("part2_module"));
        Findings f = PartFinder.find(root, Assignment.LKP25_P3, List.of());
        assertTrue(f.allFound(), String.join("\n", f.describe()));
        Map<Part, PartResult> r = byPart(f);
        assertEquals(List.of("Part1-Pagemap/memalloc.c"), names(found(r, Part.MEMALLOC).sources()));
        assertEquals(List.of("part2_module/memalloc.c"), names(found(r, Part.PART2_MEMALLOC).sources()));
    }

    @Test
    void aNestedTopFolderAndATwoObjectModuleFromATarball() throws Exception {
        Path tgz = Archives.tar(tmp.resolve("1234-lkp25-p3.tar.gz"), true, Archives.tree(FIXTURES.resolve("nested-two-object"), ""));
        Unpacked u = new SafeUnpacker().unpack(tgz, tmp.resolve("x"));
        Map<Part, PartResult> r = byPart(PartFinder.find(u.root(), Assignment.LKP25_P3, List.of()));
        Found mod = found(r, Part.LKP25P3);
        assertEquals("x_module", mod.module());
        assertEquals(List.of("1234-lkp25-p3/Part2/proc_iface.c", "1234-lkp25-p3/Part2/walker.c", "1234-lkp25-p3/Part2/lkp.h"),
                names(mod.sources()));
        assertEquals(Path.of("1234-lkp25-p3/Makefile"), mod.buildFile());
        assertTrue(mod.reason().startsWith("1234-lkp25-p3/Part2/proc_iface.c calls proc_create(\"lkp25p3\", ...)"
                + " (PROC_NAME is \"lkp25p3\")"), mod.reason());
        // the pagemap program is found by what it opens, not by its name
        assertEquals(List.of("1234-lkp25-p3/Part1/va2pa.c"), names(found(r, Part.PAGEMAP).sources()));
        assertEquals(List.of("1234-lkp25-p3/Part1/memalloc.c", "1234-lkp25-p3/Part1/alloc_util.h", "1234-lkp25-p3/Part1/alloc_util.c"),
                names(found(r, Part.MEMALLOC).sources()));
        assertEquals(List.of("1234-lkp25-p3/Part2/memalloc.c"), names(found(r, Part.PART2_MEMALLOC).sources()));
    }

    @Test
    void oneFlatFolderServesBothParts() {
        Map<Part, PartResult> r = byPart(PartFinder.find(FIXTURES.resolve("flat"), Assignment.LKP25_P3, List.of()));
        assertEquals(List.of("memalloc.c"), names(found(r, Part.MEMALLOC).sources()));
        assertEquals(List.of("memalloc.c"), names(found(r, Part.PART2_MEMALLOC).sources()));
        assertTrue(found(r, Part.MEMALLOC).reason().startsWith("memalloc.c has main() and calls mmap()"));
        Found mod = found(r, Part.LKP25P3);
        assertEquals(Path.of(""), mod.folder());
        // the proc_create of "lkp25p3_old" sits in a comment and does not count
        assertEquals("lkp25p3.c calls proc_create_data(\"lkp25p3\", ...) (proc_name is \"lkp25p3\"); Makefile builds it as"
                + " lkp25p3.ko (obj-m := lkp25p3.o)", mod.reason());
    }

    @Test
    void thePagetableModuleByItsParameterAndIoctlAndItsUserProgramByTheDevice() {
        Findings f = PartFinder.find(FIXTURES.resolve("pagetable"), Assignment.PAGETABLE, List.of());
        Map<Part, PartResult> r = byPart(f);
        Found mod = found(r, Part.PAGETABLE);
        assertEquals("ptwalk", mod.module());
        assertEquals(Path.of("Kbuild"), mod.buildFile());
        assertEquals(Path.of("Makefile"), mod.makefile());
        assertEquals(List.of("ptwalk_main.c", "ptwalk_dev.c", "ptwalk.h"), names(mod.sources()));
        assertEquals("module ptwalk has module parameter 'process_id' and sets .unlocked_ioctl = ptwalk_ioctl; Kbuild builds"
                + " it as ptwalk.ko (obj-m := ptwalk.o)", mod.reason());
        Found user = found(r, Part.PAGETABLE_USER);
        assertEquals(List.of("user.c", "ptwalk.h"), names(user.sources()));
        assertEquals("user.c has main() and calls ioctl() on \"/dev/ptwalker\", the device module ptwalk registers;"
                + " Makefile names user", user.reason());
        assertEquals(2, f.found());
    }

    /** Part 1 split into one program per scheme, and two versions of the module kept side by side. */
    private Path ambiguousTree() throws Exception {
        Path root = Trees.copy(FIXTURES.resolve("seed-layout"), tmp.resolve("amb"));
        Path memalloc = root.resolve("part1/memalloc.c");
        Files.move(memalloc, root.resolve("part1/memalloc_4k.c"));
        Files.copy(root.resolve("part1/memalloc_4k.c"), root.resolve("part1/memalloc_2m.c"));
        for (String v : List.of("v1", "v2")) {
            Files.createDirectories(root.resolve("part2/" + v));
            Files.copy(root.resolve("part2/lkp25p3.c"), root.resolve("part2/" + v + "/lkp25p3.c"));
            Files.copy(root.resolve("part2/Makefile"), root.resolve("part2/" + v + "/Makefile"));
        }
        Files.delete(root.resolve("part2/lkp25p3.c"));
        Files.delete(root.resolve("part2/Makefile"));
        return root;
    }

    @Test
    void ambiguousPartsNameEveryCandidateAndTheOptionThatSettlesThem() throws Exception {
        Path root = ambiguousTree();
        Findings f = PartFinder.find(root, Assignment.LKP25_P3, List.of());
        Map<Part, PartResult> r = byPart(f);
        Ambiguous mem = assertInstanceOf(Ambiguous.class, r.get(Part.MEMALLOC));
        assertEquals(List.of("part1/memalloc_2m.c", "part1/memalloc_4k.c"),
                mem.candidates().stream().map(c -> c.sources().get(0).toString()).toList());
        assertEquals("settle it with --part memalloc=part1/memalloc_2m.c or --part memalloc=part1/memalloc_4k.c", mem.hint());
        Ambiguous mod = assertInstanceOf(Ambiguous.class, r.get(Part.LKP25P3));
        assertEquals(List.of(Path.of("part2/v1/Makefile"), Path.of("part2/v2/Makefile")),
                mod.candidates().stream().map(Found::buildFile).toList());
        // the other parts are found all the same
        found(r, Part.PAGEMAP);
        found(r, Part.PART2_MEMALLOC);
        assertEquals(2, f.found());

        Findings settled = PartFinder.find(root, Assignment.LKP25_P3,
                List.of(PartOverride.parse("memalloc=part1/memalloc_4k.c"), PartOverride.parse("lkp25p3=part2/v2")));
        assertTrue(settled.allFound(), String.join("\n", settled.describe()));
        Map<Part, PartResult> s = byPart(settled);
        assertEquals(Path.of("part2/v2/Makefile"), found(s, Part.LKP25P3).buildFile());
        assertTrue(found(s, Part.LKP25P3).reason().endsWith("(over part2/v1/lkp25p3.c: chosen by --part lkp25p3=part2/v2)"),
                found(s, Part.LKP25P3).reason());
    }

    @Test
    void anOverrideThatMatchesNothingSaysSo() throws Exception {
        Map<Part, PartResult> r = byPart(PartFinder.find(FIXTURES.resolve("seed-layout"), Assignment.LKP25_P3,
                List.of(PartOverride.parse("lkp25p3=part1"))));
        Missing m = assertInstanceOf(Missing.class, r.get(Part.LKP25P3));
        assertEquals("nothing at part1 (from --part lkp25p3=part1) qualifies; without it there is 1 candidate: part2/lkp25p3.c", m.why());
    }
}
