package ptlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.testing.TestFiles;

/**
 * Campaign reports and JUnit XML from captured runs: two cells of quick-part2 (one of them as another
 * kernel), rendered twice byte for byte; a failing cell named with its oracle while the other keeps its
 * results; mixed experiments refused; every junit.xml valid against the usual schema.
 */
class CampaignReportTest {
    private static final Path RUNS = Path.of("harness/src/test/resources/fixtures/runs");

    @TempDir
    Path tmp;

    /** A cell: a captured run copied, relabelled as {@code image}/{@code kernel}, and rendered. */
    private Path cell(String run, String image, String kernel, String id) throws IOException {
        Path dir = TestFiles.copyTree(RUNS.resolve(run), tmp.resolve("campaign").resolve(id));
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"name\" : \"bookworm\"", "\"name\" : \"" + image + "\"")
                .replace("6.1.0-50-amd64", kernel));
        RenderPipeline.render(dir);
        return dir;
    }

    private static TreeMap<String, byte[]> files(Path dir) throws IOException {
        return TestFiles.contents(dir, List.of("report.html", "report.md", "junit.xml"), List.of("figures", "datasets"));
    }

    private static void assertValidJunit(Path file) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("harness/src/test/resources/junit/junit.xsd").toFile());
        schema.newValidator().validate(new StreamSource(file.toFile()));
    }

    @Test
    void aCampaignComparesItsCellsAndRendersTheSameTwice() throws Exception {
        List<Path> cells = List.of(cell("quick-part2-bookworm-6.1-tcg", "bookworm", "6.1.0-50-amd64", "a-bookworm-r1"),
                cell("quick-part2-bookworm-6.1-tcg", "sid", "7.2.13+deb14-amd64", "b-sid-r1"));
        Path out = tmp.resolve("campaign");
        CampaignReport.Result r = CampaignReport.render(out, cells);
        ptlab.run.Campaign.writeJunit(out, "quick-part2", cells);
        assertTrue(r.passed(), r.failures().toString());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("Verdict: PASS - 2 cell(s), 2 passed."), md);
        assertTrue(md.contains("| oracle | bookworm-r1 | sid-r1 |"), md);
        assertTrue(md.contains("| module VA->PA == pagemap | PASS | PASS |"), md);
        assertTrue(md.contains("| sid (7.2.13+deb14-amd64) | lkp25p3 walk | 1 |"), md);
        assertTrue(md.contains("[bookworm-r1 (6.1.0-50-amd64): PASS](a-bookworm-r1/report.html)"), md);
        assertTrue(Files.size(out.resolve("figures/campaign-module-walk-cdf.pdf")) > 1000);
        TreeMap<String, byte[]> first = files(out);
        // given in another order (as harness report lists a folder), the same bytes
        List<Path> reversed = List.of(cells.get(1), cells.get(0));
        CampaignReport.render(out, reversed);
        ptlab.run.Campaign.writeJunit(out, "quick-part2", reversed);
        TreeMap<String, byte[]> second = files(out);
        assertEquals(first.keySet(), second.keySet());
        for (String k : first.keySet()) {
            assertArrayEquals(first.get(k), second.get(k), k + " differs between two renders");
        }
        assertValidJunit(out.resolve("junit.xml"));
        for (Path c : cells) {
            assertValidJunit(c.resolve("junit.xml"));
        }
    }

    @Test
    void aFailingCellIsNamedWithItsOracleAndTheOthersKeepTheirResults() throws Exception {
        Path good = cell("quick-part2-bookworm-6.1-tcg", "bookworm", "6.1.0-50-amd64", "a-bookworm-r1");
        Path bad = TestFiles.copyTree(RUNS.resolve("quick-part2-bookworm-6.1-tcg"), tmp.resolve("campaign/b-trixie-r1"));
        Path manifest = bad.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"name\" : \"bookworm\"", "\"name\" : \"trixie\""));
        TestFiles.flipOnePhysicalAddress(bad.resolve("raw/kmsg.txt"));
        // a control character in a step log, as kernel output has them: XML 1.0 cannot carry it
        Path log = bad.resolve("raw/steps/xlate.log");
        Files.writeString(log, Files.readString(log) + "bell\u0007 and escape\u001b[0m\n");
        RenderPipeline.render(bad);
        Path out = tmp.resolve("campaign");
        CampaignReport.Result r = CampaignReport.render(out, List.of(good, bad));
        Path junit = ptlab.run.Campaign.writeJunit(out, "quick-part2", List.of(good, bad));
        assertFalse(r.passed());
        assertEquals(1, r.failures().size(), r.failures().toString());
        assertTrue(r.failures().get(0).startsWith("trixie-r1: module VA->PA == pagemap ("), r.failures().get(0));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("Verdict: FAIL - 2 cell(s)"), md);
        assertTrue(md.contains("| module VA->PA == pagemap | PASS | FAIL |"), md);
        assertTrue(md.contains("| bookworm (6.1.0-50-amd64) | lkp25p3 walk | 1 |"), "the good cell keeps its results");
        String xml = Files.readString(junit, StandardCharsets.UTF_8);
        assertTrue(xml.contains("<failure message=\"") && xml.contains("1 mismatch"), "failure carries the detail");
        assertFalse(xml.contains("\u0007") || xml.contains("\u001b"), "control characters removed");
        assertTrue(xml.contains("bell and escape[0m"), "the rest of the line is kept");
        assertValidJunit(junit);
    }

    @Test
    void cellsOfDifferentExperimentsAreRefused() throws Exception {
        Path a = cell("quick-part2-bookworm-6.1-tcg", "bookworm", "6.1.0-50-amd64", "a");
        Path b = cell("quick-pagetable-bookworm-6.1-tcg", "bookworm", "6.1.0-50-amd64", "b");
        HarnessException e = assertThrows(HarnessException.class, () -> CampaignReport.render(tmp.resolve("out"),
                List.of(a, b)));
        assertTrue(e.getMessage().contains("different experiments") && e.getMessage().contains("quick-pagetable"),
                e.getMessage());
    }
}
