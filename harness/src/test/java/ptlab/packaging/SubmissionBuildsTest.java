package ptlab.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.testing.TestFiles;

/** The submission tarball of real captured runs and this checkout's sources compiles as shipped. */
class SubmissionBuildsTest {
    @TempDir
    Path tmp;

    private Path copy(String run) throws IOException {
        return TestFiles.copyTree(Path.of("harness/src/test/resources/fixtures/runs", run), tmp.resolve(run));
    }

    private static int sh(Path dir, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        return p.waitFor();
    }

    @Test
    void userspacePartsCompileAndLinkFromTheTarball() throws Exception {
        var r = SubmissionPackager.pack(List.of(copy("quick-part1-bookworm-6.1-tcg"), copy("quick-part2-bookworm-6.1-tcg")),
                "123456789", Path.of("").toAbsolutePath(), tmp);
        assertEquals("123456789-lkp25-p3.tar.gz", r.tarball().getFileName().toString());
        for (String must : List.of("Makefile", "part1/memalloc.c", "part1/pagemap.c", "part1/common.c",
                "part2/lkp_proc.c", "part2/lkp_xlate.c", "part2/lkp_vma.c", "part2/lkp_scan.c", "part2/lkp25p3.h",
                "part2/ptwalk.h", "part2/memalloc.c", "part2/Kbuild",
                "part1/First-Last-Pagemap-Lat-CDF.pdf", "part2/First-Last-Access-Heatmap.pdf")) {
            assertTrue(r.entries().contains(must), must + " missing from " + r.entries());
        }
        Path x = Files.createDirectories(tmp.resolve("x"));
        assertEquals(0, sh(x, "tar", "-xzf", r.tarball().toString()));
        // every module source is linked into lkp25p3.ko, and none into the userspace memalloc
        assertTrue(Files.readString(x.resolve("part2/Kbuild")).contains("lkp25p3-y := lkp_proc.o lkp_scan.o lkp_vma.o lkp_xlate.o\n"),
                Files.readString(x.resolve("part2/Kbuild")));
        int make = sh(x, "make", "part1", "part2/memalloc");
        assertEquals(0, make, Files.readString(x.resolve("out.log")));
        assertTrue(Files.isExecutable(x.resolve("part1/pagemap")));
        assertTrue(Files.isExecutable(x.resolve("part2/memalloc")));
    }
}
