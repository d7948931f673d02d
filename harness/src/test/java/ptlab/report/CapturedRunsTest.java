package ptlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptlab.HarnessException;
import ptlab.analysis.OracleResult;
import ptlab.testing.TestFiles;

/** Run folders captured from real bookworm guests (see fixtures/README.md) rendered from raw/ alone. */
class CapturedRunsTest {
    private static final Path RUNS = Path.of("harness/src/test/resources/fixtures/runs");

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
        assertTrue(first.oracles().size() >= 2, first.oracles().toString());
        for (OracleResult o : first.oracles()) {
            assertTrue(o.passed(), o.name() + ": " + o.detail());
        }
        assertFalse(first.figures().isEmpty(), "figures");
        for (FigureFile f : first.figures()) {
            assertTrue(Files.size(f.pdf()) > 1000, f.pdf() + " is empty");
            assertTrue(Files.size(f.png()) > 1000, f.png() + " is empty");
        }
        String html = Files.readString(a.resolve("report.html"));
        assertTrue(html.contains("tcg") || html.contains("TCG"), "report says the latencies are emulated");

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
