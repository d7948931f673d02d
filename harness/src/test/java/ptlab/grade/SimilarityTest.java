package ptlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.files.Trees;

/** JPlag over kept sources: a copy with its names and comments changed is found; different answers are not. */
class SimilarityTest {
    private static final Path SUBS = Path.of("harness/src/test/resources/submissions");

    @TempDir
    Path tmp;

    @Test
    void aRenamedCopyIsListedWithItsMatchingRegions() throws Exception {
        Path flat = SUBS.resolve("flat");
        Path copy = Files.createDirectories(tmp.resolve("in/903000002"));
        for (String f : List.of("lkp25p3.c", "memalloc.c", "pagemap.c")) {
            String text = Files.readString(flat.resolve(f)).replace("vma", "area").replace("buf", "mem")
                    .replaceAll("/\\*[^*]*\\*/", "/* mine */");
            Files.writeString(copy.resolve(f), text);
        }
        Path dir = tmp.resolve("grades");
        Similarity.keep(dir, new Who.Entry("903000001", "", flat, "test"));
        Similarity.keep(dir, new Who.Entry("903000002", "", copy, "test"));
        Similarity.keep(dir, new Who.Entry("903000003", "", SUBS.resolve("seed-layout"), "test"));
        Path base = Files.createDirectories(tmp.resolve("base"));
        Trees.copy(Path.of("kmod/lkp25p3"), base.resolve("kmod"));
        List<Similarity.Pair> pairs = Similarity.compare(dir, base, 0.5);
        String md = Files.readString(dir.resolve(Similarity.FILE));
        assertEquals(1, pairs.size(), md);
        Similarity.Pair p = pairs.get(0);
        assertEquals(List.of("903000001", "903000002"), List.of(p.first(), p.second()).stream().sorted().toList());
        assertTrue(p.similarity() > 0.8, md);
        assertTrue(md.contains("A match of ") && md.contains("```c"), md);
        assertTrue(md.contains("3 submission(s), 3 pair(s) compared, 1 at or above the threshold."), md);
    }
}
