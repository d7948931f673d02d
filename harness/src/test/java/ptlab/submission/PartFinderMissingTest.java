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
import ptlab.submission.PartResult.Missing;

/** A missing part says what was looked for and what came closest, and never hides the parts that are there. */
class PartFinderMissingTest {
    @TempDir
    Path tmp;

    private Path seed() throws Exception {
        return Trees.copy(PartFinderTest.FIXTURES.resolve("seed-layout"), tmp.resolve("s"));
    }

    @Test
    void aTarballWithPartTwoOnly() throws Exception {
        List<Archives.Entry> part2 = Archives.tree(PartFinderTest.FIXTURES.resolve("seed-layout"), "").stream()
                .filter(e -> !e.name().startsWith("part1")).toList();
        Unpacked u = new SafeUnpacker().unpack(Archives.tar(tmp.resolve("p2.tgz"), true, part2), tmp.resolve("x"));
        Map<Part, PartResult> r = PartFinderTest.byPart(PartFinder.find(u.root(), Assignment.LKP25_P3, List.of()));
        assertEquals("the only candidates are in another part's folder: part2/memalloc.c; if one is meant, name it with"
                + " --part memalloc=PATH", assertInstanceOf(Missing.class, r.get(Part.MEMALLOC)).why());
        assertEquals("no C program with main() opens /proc/self/pagemap or /proc/PID/pagemap; if it is there, name it with"
                + " --part pagemap=PATH", assertInstanceOf(Missing.class, r.get(Part.PAGEMAP)).why());
        PartFinderTest.found(r, Part.LKP25P3);
        PartFinderTest.found(r, Part.PART2_MEMALLOC);
    }

    @Test
    void aModuleCreatingAnotherProcFileIsNamedAsTheClosest() throws Exception {
        Path s = seed();
        Path c = s.resolve("part2/lkp25p3.c");
        Files.writeString(c, Files.readString(c).replace("proc_create(\"lkp25p3\"", "proc_create(\"lkp25\""));
        Missing m = assertInstanceOf(Missing.class,
                PartFinderTest.byPart(PartFinder.find(s, Assignment.LKP25_P3, List.of())).get(Part.LKP25P3));
        assertEquals("no module built by a Makefile or Kbuild (obj-m) calls proc_create(\"lkp25p3\", ...); closest:"
                + " part2/lkp25p3.c creates /proc/lkp25; if it is there, name it with --part lkp25p3=PATH", m.why());
    }

    @Test
    void aModuleNoMakefileBuildsIsNotAPartButIsNamed() throws Exception {
        Path s = seed();
        Files.writeString(s.resolve("part2/Makefile"), "all:\n\tgcc -o memalloc memalloc.c\n");
        Missing m = assertInstanceOf(Missing.class,
                PartFinderTest.byPart(PartFinder.find(s, Assignment.LKP25_P3, List.of())).get(Part.LKP25P3));
        assertTrue(m.why().contains("closest: part2/lkp25p3.c calls proc_create(\"lkp25p3\", ...), but no Makefile or Kbuild"
                + " lists it in obj-m"), m.why());
    }

    @Test
    void anEmptySubmissionMissesEveryPartWithoutFailing() throws Exception {
        Findings f = PartFinder.find(Files.createDirectories(tmp.resolve("empty")), Assignment.ALL, List.of());
        assertEquals(Part.values().length, f.parts().size());
        assertTrue(f.parts().stream().allMatch(p -> p instanceof Missing), f.parts().toString());
        assertEquals("0 of 6 parts of all found", f.describe().get(f.describe().size() - 1));
    }

    @Test
    void makefileForms() {
        List<MakeFiles.Module> m = MakeFiles.modules("""
                # the module
                NAME := lkp
                obj-m += $(NAME).o other.o
                lkp-objs := main.o \\
                	walk.o   # two lines
                obj-$(CONFIG_X) := x.o
                x-y := x1.o x2.o
                ccflags-y += -DDEBUG
                KDIR := /lib/modules/$(shell uname -r)/build
                """);
        assertEquals(List.of(new MakeFiles.Module("lkp", List.of("main.o", "walk.o"), "obj-m += $(NAME).o other.o"),
                new MakeFiles.Module("other", List.of("other.o"), "obj-m += $(NAME).o other.o"),
                new MakeFiles.Module("x", List.of("x1.o", "x2.o"), "obj-$(CONFIG_X) := x.o")), m);
    }

    @Test
    void commentsAreBlankedButStringsKept() {
        String code = "a(\"/* not a comment */\"); // gone\n/* gone\n too */ b('\"');\n";
        // same length, same lines: positions found in the blanked text are positions in the file
        assertEquals("a(\"/* not a comment */\"); " + " ".repeat(7) + "\n" + " ".repeat(7) + "\n" + " ".repeat(8) + "b('\"');\n",
                CText.stripComments(code));
        assertEquals(java.util.Optional.of("lkp25p3"), CText.stringValue("NAME", "#define NAME \"lkp25p3\"\n"));
        assertEquals(java.util.Optional.of("lkp25p3"), CText.stringValue("n", "static const char n[] = \"lkp25p3\";"));
        assertEquals(java.util.Optional.empty(), CText.stringValue("f(x)", ""));
    }
}
