package ptlab.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ptlab.report.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptlab.Accelerator;
import ptlab.HarnessException;
import ptlab.analysis.OracleResult;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;
import ptlab.testing.TestFiles;

/** Run folders captured from real bookworm guests (see fixtures/README.md) rendered from raw/ alone. */
class CapturedRunsTest {
    private static final Path RUNS = Path.of("harness/src/test/resources/fixtures/runs");

    /** The oracles each captured run checks, in report order. */
    private static final Map<String, List<String>> ORACLES = Map.of(
            "quick-part1-bookworm-6.1-tcg", List.of("no kmsg record lost", "part1 4k: every page present with a visible"
                    + " PFN", "part1 2m: every page present with a visible PFN", "part1 whole: every page present with a"
                    + " visible PFN"),
            "quick-part2-bookworm-6.1-tcg", List.of("no kmsg record lost", "module VA->PA == pagemap",
                    "module VMA walk == /proc/1/maps", "module vm_flags == smaps VmFlags",
                    "heatmap regions where the workload put them"),
            "quick-pagetable-bookworm-6.1-tcg", List.of("no kmsg record lost", "ioctl PFN == pagemap PFN",
                    "pagetable dump == pagemap"));
    /** The figures whose captions qualify latencies, which under TCG are emulated. */
    private static final Map<String, List<String>> EMULATED = Map.of(
            "quick-part1-bookworm-6.1-tcg", List.of("First-Last-Pagemap-Lat-CDF"),
            "quick-part2-bookworm-6.1-tcg", List.of("First-Last-Module-vs-Pagemap-Lat-CDF"),
            "quick-pagetable-bookworm-6.1-tcg", List.of());

    @TempDir
    Path tmp;

    private Path copy(String run, String as) throws IOException {
        return TestFiles.copyTree(RUNS.resolve(run), tmp.resolve(as));
    }

    private static TreeMap<String, byte[]> outputs(Path runDir) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        for (String sub : List.of("figures", "datasets")) {
            try (Stream<Path> s = Files.walk(runDir.resolve(sub))) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.put(runDir.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        for (String f : List.of("report.html", "report.md", "oracles.json")) {
            out.put(f, Files.readAllBytes(runDir.resolve(f)));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"quick-part1-bookworm-6.1-tcg", "quick-part2-bookworm-6.1-tcg",
            "quick-pagetable-bookworm-6.1-tcg"})
    void everyOraclePassesAndRenderingIsByteIdentical(String run) throws IOException {
        Path a = copy(run, "a");
        RenderResult first = RenderPipeline.render(a);
        assertEquals(ORACLES.get(run), first.oracles().stream().map(OracleResult::name).toList());
        for (OracleResult o : first.oracles()) {
            assertTrue(o.passed(), o.name() + ": " + o.detail());
        }
        assertFalse(first.figures().isEmpty(), "figures");
        for (FigureFile f : first.figures()) {
            assertTrue(Files.size(f.pdf()) > 1000, f.pdf() + " is empty");
            assertTrue(Files.size(f.png()) > 1000, f.png() + " is empty");
        }
        // every latency figure's caption says the run was emulated, and no caption claims otherwise
        Analysed analysis = RenderPipeline.analyse(new RunFolder(a), Manifest.read(a.resolve("manifest.json")));
        Map<String, String> captions = new TreeMap<>();
        analysis.sections.forEach(sec -> sec.blocks().stream().filter(Block.FigureRef.class::isInstance)
                .map(Block.FigureRef.class::cast).forEach(f -> captions.put(f.stem(), f.caption())));
        String tcg = Accelerator.sentence(Optional.of(Accelerator.TCG));
        assertEquals(EMULATED.get(run), captions.entrySet().stream().filter(e -> e.getValue().endsWith(tcg))
                .map(Map.Entry::getKey).toList(), "figures " + captions.keySet());
        for (String other : List.of(Accelerator.sentence(Optional.of(Accelerator.KVM)),
                Accelerator.sentence(Optional.empty()))) {
            assertTrue(captions.values().stream().noneMatch(c -> c.contains(other)), other);
        }

        TreeMap<String, byte[]> once = outputs(a);
        RenderPipeline.render(a);
        TreeMap<String, byte[]> twice = outputs(a);
        assertEquals(once.keySet(), twice.keySet());
        for (String k : once.keySet()) {
            assertArrayEquals(once.get(k), twice.get(k), k + " differs between two renders");
        }
        Path b = copy(run, "b");
        RenderPipeline.render(b);
        TreeMap<String, byte[]> elsewhere = outputs(b);
        for (String k : once.keySet()) {
            assertArrayEquals(once.get(k), elsewhere.get(k), k + " differs when rendered in another folder");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"quick-part2-bookworm-6.1-tcg"})
    void aTamperedModuleTranslationFailsTheOracle(String run) throws IOException {
        Path a = copy(run, "t");
        TestFiles.flipOnePhysicalAddress(a.resolve("raw/kmsg.txt"));
        RenderResult r = RenderPipeline.render(a);
        OracleResult xlate = r.oracles().stream().filter(o -> o.name().startsWith("module VA->PA")).findFirst()
                .orElseThrow();
        assertFalse(xlate.passed(), xlate.detail());
        assertTrue(xlate.detail().contains("1 mismatch"), xlate.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"quick-part1-bookworm-6.1-tcg"})
    void aBrokenCsvLineIsAnErrorNamingFileAndLine(String run) throws IOException {
        Path a = copy(run, "c");
        Path csv = a.resolve("raw/part1/whole/pagemap-per-page.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.set(4, "0xnot-hex,garbage");
        Files.write(csv, lines);
        HarnessException e = assertThrows(HarnessException.class, () -> RenderPipeline.render(a));
        assertTrue(e.getMessage().contains("pagemap-per-page.csv:5"), e.getMessage());
    }
}
