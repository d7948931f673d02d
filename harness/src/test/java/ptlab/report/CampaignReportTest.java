package ptlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ptlab.render.DamonSectionTest;
import ptlab.render.RenderPipeline;
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
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import ptlab.HarnessException;
import ptlab.analysis.DamonWitness;
import ptlab.testing.JUnitDom;
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

    /**
     * The same cell of two campaigns (a nightly and its baseline) in one report: ids are unique only within
     * a campaign, so each is named by its campaign folder too (the report once failed: "This dataset already
     * contains a series with the key bookworm-r1 6.1.0-50-amd64").
     */
    @Test
    void theSameCellOfTwoCampaignsIsToldApartByItsCampaign() throws Exception {
        Path a = TestFiles.copyTree(RUNS.resolve("quick-part2-bookworm-6.1-tcg"),
                tmp.resolve("20261201-010101/quick-part2-bookworm-6.1-tcg"));
        Path b = TestFiles.copyTree(RUNS.resolve("quick-part2-bookworm-6.1-tcg"),
                tmp.resolve("20261202-010101/quick-part2-bookworm-6.1-tcg"));
        RenderPipeline.render(a);
        RenderPipeline.render(b);
        Path out = tmp.resolve("both");
        CampaignReport.Result r = CampaignReport.render(out, List.of(a, b));
        assertTrue(r.passed(), r.failures().toString());
        List<String> md = Files.readAllLines(out.resolve("report.md"));
        assertTrue(md.contains("| oracle | 20261201-010101/bookworm-r1 | 20261202-010101/bookworm-r1 |"),
                String.join("\n", md));
        assertTrue(Files.size(out.resolve("figures/campaign-module-walk-cdf.pdf")) > 1000);
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
        assertValidJunit(junit);
        // the one failure is the bad cell's oracle, carrying its detail
        Element all = JUnitDom.root(junit);
        Element failure = JUnitDom.onlyFailure(all, "module VA->PA == pagemap", ".oracles");
        // suites in folder order: a-bookworm-r1, then the bad b-trixie-r1
        Element badSuite = (Element) all.getElementsByTagName("testsuite").item(1);
        assertEquals(badSuite, failure.getParentNode().getParentNode());
        assertTrue(failure.getAttribute("message").contains("1 mismatch"), failure.getAttribute("message"));
        // the step log's control characters are removed from its system-out, the rest of the line kept
        String systemOut = testcase(badSuite, "xlate").getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(systemOut.endsWith("\nbell and escape[0m"),
                systemOut.substring(Math.max(0, systemOut.length() - 80)));
    }

    @Test
    void anOracleThatDoesNotApplyIsNaInTheMatrixAndSkippedInJunit() throws Exception {
        Path a = TestFiles.copyTree(RUNS.resolve("quick-part2-bookworm-6.1-tcg"), tmp.resolve("campaign/a-bullseye-r1"));
        Path manifest = a.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"name\" : \"bookworm\"", "\"name\" : \"bullseye\""));
        Files.createDirectories(a.resolve("raw/damon"));
        Files.writeString(a.resolve("raw/damon/status.txt"), "available=0\nreason=no /sys/kernel/mm/damon/admin\n"
                + "kernel=5.10.0-35-amd64\n");
        Files.writeString(a.resolve("raw/damon/params.txt"), DamonSectionTest.PARAMS);
        RenderPipeline.render(a);
        Path b = cell("quick-part2-bookworm-6.1-tcg", "sid", "7.2.13+deb14-amd64", "b-sid-r1");
        TestFiles.copyTree(Path.of("harness/src/test/resources/fixtures/damon/sid"), b.resolve("raw/damon"));
        RenderPipeline.render(b);
        Path out = tmp.resolve("campaign");
        CampaignReport.Result r = CampaignReport.render(out, List.of(a, b));
        Path junit = ptlab.run.Campaign.writeJunit(out, "quick-part2", List.of(a, b));
        assertTrue(r.passed(), "not applicable is no failure: " + r.failures());
        List<String> md = Files.readAllLines(out.resolve("report.md"));
        assertTrue(md.contains("| " + DamonWitness.NAME + " | n/a | PASS |"), String.join("\n", md));
        assertValidJunit(junit);
        Element all = JUnitDom.root(junit);
        assertEquals("0", all.getAttribute("failures"));
        NodeList suites = all.getElementsByTagName("testsuite");
        assertEquals("1", ((Element) suites.item(0)).getAttribute("skipped"));
        Element skipped = testcase((Element) suites.item(0), DamonWitness.NAME);
        assertEquals("not available on this kernel (5.10.0-35-amd64): no /sys/kernel/mm/damon/admin",
                ((Element) skipped.getElementsByTagName("skipped").item(0)).getAttribute("message"));
        assertEquals(0, testcase((Element) suites.item(1), DamonWitness.NAME).getChildNodes().getLength(),
                "the sid cell's witness passed");
    }

    /** The one test case named {@code name} in {@code suite}. */
    private static Element testcase(Element suite, String name) {
        NodeList cases = suite.getElementsByTagName("testcase");
        List<Element> found = new java.util.ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            if (((Element) cases.item(i)).getAttribute("name").equals(name)) {
                found.add((Element) cases.item(i));
            }
        }
        assertEquals(1, found.size(), "test cases named " + name);
        return found.get(0);
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
