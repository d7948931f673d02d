package ptlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ptlab.files.RepoRoot;

/** Every spec in experiments/ loads against the real repository, recipes included. */
class ShippedSpecsTest {
    /** Tests run in the repository root (Maven's basedir). */
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path EXPERIMENTS = ROOT.resolve("experiments");

    static Stream<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(EXPERIMENTS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static ExperimentSpec load(String name) {
        return SpecLoader.load(EXPERIMENTS.resolve(name), ROOT).spec();
    }

    @Test
    void theShippedSetIsComplete() throws IOException {
        assertEquals(List.of("grade-lkp25p3-quick.yaml", "grade-lkp25p3.yaml", "pagetable.yaml", "part1.yaml", "part2.yaml",
                "quick-pagetable.yaml", "quick-part1.yaml",
                "quick-part2.yaml", "sweep-kernels.yaml"), specs().map(p -> p.getFileName().toString()).toList());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void loadsAndValidates(Path spec) throws IOException {
        assertEquals(ROOT, RepoRoot.enclosing(spec).orElseThrow());
        LoadedSpec loaded = SpecLoader.load(spec, ROOT);
        String file = spec.getFileName().toString();
        assertEquals(file.substring(0, file.length() - ".yaml".length()), loaded.spec().experiment(),
                "the experiment is named after its file");
        assertEquals(new Author("First", "Last"), loaded.spec().author());
        assertTrue(Files.readString(spec).contains("# A placeholder: put your own name here"), file);
        for (ImageRef image : loaded.images()) {
            assertEquals(ROOT.resolve("vm-images").resolve(image.name() + ".yaml"), image.recipe());
        }
    }

    @Test
    void part1IsTheAssignment() {
        ExperimentSpec s = load("part1.yaml");
        assertEquals(new PagemapWorkload(List.of(Scheme.PAGE_4K, Scheme.CHUNK_2M, Scheme.WHOLE), ByteSize.parse("2G"),
                Thp.DEFAULT, List.of(PagemapMode.PER_PAGE, PagemapMode.BATCHED)), s.workloads().get(0));
        assertEquals(4096, s.vm().memoryMib());
    }

    @Test
    void part2IsTheAssignment() {
        ExperimentSpec s = load("part2.yaml");
        assertEquals(List.of("xlate", "vma_dump", "access"), s.workloads().stream().map(Workload::kind).toList());
        assertEquals(new XlateWorkload(ByteSize.parse("1G"), 65536L, 1, Thp.DEFAULT), s.workloads().get(0));
        assertEquals(new VmaDumpWorkload(1), s.workloads().get(1));
        assertEquals(new AccessWorkload(ByteSize.parse("1G"), 120, ByteSize.parse("256M"), ByteSize.parse("256M"),
                ByteSize.parse("512M"), 1000, 100, 1000, Thp.NEVER), s.workloads().get(2));
    }

    @Test
    void pagetableIsTheAssignment() {
        assertEquals(List.of(new PagetableWorkload(ByteSize.parse("64M"))), load("pagetable.yaml").workloads());
    }

    @Test
    void sweepCoversEveryKernel() {
        ExperimentSpec s = load("sweep-kernels.yaml");
        assertEquals(List.of("bullseye", "bookworm", "trixie", "sid"), s.images());
        assertEquals(5, s.workloads().size());
    }

    @Test
    void quickSpecsAreSmall() {
        assertEquals(ByteSize.parse("64M"), load("quick-part1.yaml").workload(PagemapWorkload.class).orElseThrow().size());
        ExperimentSpec p2 = load("quick-part2.yaml");
        assertEquals(ByteSize.parse("64M"), p2.workload(XlateWorkload.class).orElseThrow().size());
        assertEquals(new AccessWorkload(ByteSize.parse("128M"), 10, ByteSize.parse("16M"), ByteSize.parse("16M"),
                ByteSize.parse("32M"), 1000, 100, 1000, Thp.NEVER), p2.workload(AccessWorkload.class).orElseThrow());
        assertEquals(ByteSize.parse("16M"),
                load("quick-pagetable.yaml").workload(PagetableWorkload.class).orElseThrow().size());
    }
}
