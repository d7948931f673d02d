package ptlab.changes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import ptlab.Outcome;
import ptlab.json.Json;

/**
 * Two nights made from the captured runs, five repetitions of two images each. Planted: the module's walk twice as
 * slow on bookworm, the heatmap oracle failing in two of trixie's repetitions, trixie's kernel bumped; and, as
 * noise, every latency on every image 10% slower (host load). The comparison must name exactly the planted changes
 * (the kernel bump as its release and its packages).
 */
class CampaignChangesTest {
    private static final String BOOKWORM = "6.1.0-50-amd64";
    private static final String TRIXIE = "6.12.57+deb13-amd64";
    private static final String TRIXIE_BUMPED = "6.12.63+deb13-amd64";

    @TempDir
    static Path shared;
    static Nights.Templates templates;
    static Path baseline;
    static Path current;

    @TempDir
    Path tmp;

    @BeforeAll
    static void nights() throws Exception {
        templates = Nights.Templates.render(shared.resolve("templates"));
        baseline = Nights.campaign(shared.resolve("baseline"), templates, List.of(
                new Nights.Image("bookworm", BOOKWORM, 5, 1.0, false, List.of()),
                new Nights.Image("trixie", TRIXIE, 5, 1.3, false, List.of())));
        current = Nights.campaign(shared.resolve("current"), templates, List.of(
                new Nights.Image("bookworm", BOOKWORM, 5, 1.1, true, List.of()),
                new Nights.Image("trixie", TRIXIE_BUMPED, 5, 1.3 * 1.1, false, List.of(2, 4))));
    }

    @Test
    void namesExactlyThePlantedChangesWithTheirIntervals() {
        Changes c = CampaignChanges.between(baseline, current);
        Set<String> called = c.called().stream().map(ch -> ch.image() + "/" + ch.kind().text() + "/" + ch.name() + "/"
                + ch.label().text()).collect(Collectors.toSet());
        assertEquals(Set.of("bookworm/quantity/lkp25p3 walk p50/changed", "trixie/image/kernel release/changed",
                "trixie/image/changed packages/changed",
                "trixie/oracle/" + Nights.HEAT_ORACLE + "/pass-to-fail"), called);

        Change walk = find(c, "bookworm", "lkp25p3 walk p50");
        Estimate b = walk.baseline().estimate();
        Estimate now = walk.current().estimate();
        assertEquals(5, b.n());
        assertTrue(b.low() < b.median() && b.median() < b.high(), b.toString());
        assertTrue(now.low() > b.high(), "the intervals do not overlap: " + b + " " + now);
        // twice as slow, and 10% more with host load
        assertEquals(2.2, walk.ratio().value(), 0.05);
        assertTrue(walk.ratio().low() > 2 && walk.ratio().excludesOne(), walk.ratio().toString());
        assertEquals(1.0, walk.ratio().cliffsDelta());
        assertEquals("within 2.0x", walk.tolerance());

        // the 10% shift is real (its interval excludes 1) but inside the tolerance: not called
        Change noise = find(c, "trixie", "pagemap per-page p50");
        assertEquals(1.1, noise.ratio().value(), 0.04);
        assertTrue(noise.ratio().excludesOne(), noise.ratio().toString());
        assertEquals(Label.UNCHANGED, noise.label());
        Change walkTail = find(c, "bookworm", "lkp25p3 walk p90");
        assertEquals(Label.UNCHANGED, walkTail.label(), "2.2x is within the p90's 3x");

        Change oracle = find(c, "trixie", Nights.HEAT_ORACLE);
        assertEquals(List.of(5, 5, 3, 5), List.of(oracle.baseline().passed(), oracle.baseline().repetitions(),
                oracle.current().passed(), oracle.current().repetitions()));
        Change kernel = find(c, "trixie", "kernel release");
        assertEquals(List.of(TRIXIE, TRIXIE_BUMPED), List.of(kernel.baseline().text(), kernel.current().text()));
        assertEquals(Label.UNCHANGED, find(c, "bookworm", "kernel release").label());
        Change packages = find(c, "trixie", "changed packages");
        assertEquals("3 packages", packages.baseline().text());
        assertEquals("3 changed: -linux-image-" + TRIXIE + " 6.12.57+deb13-1; +linux-image-" + TRIXIE_BUMPED
                + " 6.12.63+deb13-1; linux-image-amd64 6.12.57+deb13-1 -> 6.12.63+deb13-1", packages.current().text());
        assertTrue(c.changes().stream().noneMatch(ch -> ch.image().equals("bookworm") && ch.name().equals("changed packages")));
        assertTrue(c.changes().stream().anyMatch(ch -> ch.name().equals("part1 whole THP share")));
        assertTrue(c.changes().stream().anyMatch(ch -> ch.name().equals("heatmap hot mean /s")));
        assertTrue(c.changes().stream().anyMatch(ch -> ch.name().equals("heatmap scan ns")));
        assertEquals(Outcome.FAIL, c.outcome());
    }

    @Test
    void changesJsonIsSnakeCaseAndTheSameBytesEveryTime() throws Exception {
        Path a = CampaignChanges.between(baseline, current).write(Files.createDirectories(tmp.resolve("a")));
        Path b = CampaignChanges.between(baseline, current).write(Files.createDirectories(tmp.resolve("b")));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        JsonNode root = Json.tree(a);
        JsonNode walk = null;
        for (JsonNode ch : root.get("changes")) {
            if (ch.get("name").asText().equals("lkp25p3 walk p50") && ch.get("image").asText().equals("bookworm")) {
                walk = ch;
            }
        }
        assertEquals("quantity", walk.get("kind").asText());
        assertEquals("changed", walk.get("label").asText());
        assertTrue(walk.get("ratio").get("excludes_one").asBoolean());
        assertTrue(walk.get("ratio").get("cliffs_delta").isNumber());
        assertEquals(5, walk.get("current").get("estimate").get("n").asInt());
        assertFalse(walk.has("rerun"), "no rerun yet");
        assertTrue(root.get("kernel_pairs").size() > 0);
        assertTrue(root.has("current_without_result"));
    }

    @Test
    void theMarkdownSectionListsTheCalledChangesFirst() {
        String md = ChangesReport.markdown(CampaignChanges.between(baseline, current));
        assertTrue(md.startsWith("## " + ChangesReport.TITLE + "\n"), md);
        assertTrue(md.contains("share their starting memory"), md);
        List<List<String>> firstTable = table(md, 0);
        assertEquals(List.of("image", "kind", "name", "baseline", "current", "ratio [95%]", "Cliff's delta", "reruns", "label"),
                firstTable.get(0));
        assertEquals(5, firstTable.size(), "a header and the four called changes: " + firstTable);
        List<String> walk = firstTable.stream().filter(r -> r.get(2).equals("lkp25p3 walk p50")).findFirst().orElseThrow();
        assertTrue(walk.get(5).matches("2\\.\\d\\dx \\[2\\.\\d\\d\\.\\.2\\.\\d\\d\\]"), walk.toString());
        assertEquals("**changed**", walk.get(8));
    }

    @Test
    void junitFailsARegressionAndSkipsAFlakyChange() throws Exception {
        Changes c = CampaignChanges.between(baseline, current);
        Element suite = parse(ChangesReport.junit("nightly", c));
        assertEquals("2", suite.getAttribute("failures"), "the slower walk and the failing oracle");
        assertEquals("0", suite.getAttribute("skipped"));
        assertEquals(Integer.toString(c.changes().size()), suite.getAttribute("tests"));

        // what a rerun step does: the walk did not hold up when rerun
        List<Change> relabelled = c.changes().stream().map(ch -> ch.name().equals("lkp25p3 walk p50")
                && ch.image().equals("bookworm") ? ch.withRerun(ch.baseline(), Label.FLAKY) : ch).toList();
        Changes flaky = new Changes(c.baseline(), c.current(), relabelled, c.kernelPairs(), List.of(), List.of());
        Element s2 = parse(ChangesReport.junit("nightly", flaky));
        assertEquals("1", s2.getAttribute("failures"));
        assertEquals("1", s2.getAttribute("skipped"));
        Element skipped = (Element) s2.getElementsByTagName("skipped").item(0);
        assertTrue(skipped.getAttribute("message").startsWith("flaky: "), skipped.getAttribute("message"));
    }

    @Test
    void oneRepetitionIsNeverCalledAChange() throws Exception {
        Path b1 = Nights.campaign(tmp.resolve("b1"), templates, List.of(
                new Nights.Image("bookworm", BOOKWORM, 1, 1.0, false, List.of())));
        Path c1 = Nights.campaign(tmp.resolve("c1"), templates, List.of(
                new Nights.Image("bookworm", "6.1.0-51-amd64", 1, 1.1, true, List.of())));
        Changes c = CampaignChanges.between(b1, c1.resolve("20261201-020000-bookworm-r1"));
        Change walk = find(c, "bookworm", "lkp25p3 walk p50");
        assertEquals(2.2, walk.ratio().value(), 0.05);
        assertEquals(walk.ratio().value(), walk.ratio().low());
        assertEquals(Label.UNCHANGED, walk.label());
        assertEquals(List.of("kernel release", "changed packages"), c.called().stream().map(Change::name).toList());
        assertEquals(Outcome.PASS, c.outcome());
    }

    /**
     * With vm.cold_boots, repetitions 1 and 2 booted: the physical-layout quantities come from those two alone, the
     * latencies from all five; a restore that fell back to a boot does not count as one.
     */
    @Test
    void layoutQuantitiesComeFromTheColdBootedRepetitions() throws Exception {
        Path cur = tmp.resolve("cold");
        ptlab.testing.TestFiles.copyTree(current, cur);
        java.util.Map<Integer, String> starts = java.util.Map.of(1, "boot", 2, "boot", 3, "boot (restore failed: no answer)");
        for (var e : starts.entrySet()) {
            Path m = cur.resolve("20261201-020000-bookworm-r" + e.getKey() + "/manifest.json");
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(m);
            tree.put("guest_start", e.getValue());
            Files.writeString(m, Json.text(tree));
        }
        Changes c = CampaignChanges.between(baseline, cur);
        assertEquals(2, find(c, "bookworm", "part1 whole THP share").current().estimate().n());
        assertEquals(2, find(c, "bookworm", "part1 4k contiguous pairs").current().estimate().n());
        assertEquals(5, find(c, "bookworm", "part1 whole THP share").baseline().estimate().n(), "the baseline restored");
        assertEquals(5, find(c, "bookworm", "lkp25p3 walk p50").current().estimate().n());
        assertEquals(5, find(c, "trixie", "part1 whole THP share").current().estimate().n());
    }

    @Test
    void theCurrentKernelsAreComparedPairwise() {
        KernelPair p = CampaignChanges.between(baseline, current).kernelPairs().stream()
                .filter(k -> k.quantity().equals("pagemap per-page p50")).findFirst().orElseThrow();
        assertEquals(List.of("bookworm", BOOKWORM, "trixie", TRIXIE_BUMPED), List.of(p.imageA(), p.kernelA(), p.imageB(),
                p.kernelB()));
        assertEquals(1.3, p.ratio().value(), 0.04);
        assertTrue(p.ratio().excludesOne() && !p.called(), p.toString());
    }

    @Test
    void aCellWithoutAResultIsAnInfrastructureError() throws Exception {
        Path c = Nights.campaign(tmp.resolve("c"), templates, List.of(
                new Nights.Image("bookworm", BOOKWORM, 2, 1.0, false, List.of())));
        Path m = c.resolve("20261201-020000-bookworm-r2/manifest.json");
        Files.writeString(m, Json.text(((com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(m))
                .put("outcome", "INFRA_ERROR").put("message", "ssh: connection refused")));
        Changes changes = CampaignChanges.between(baseline, c);
        assertEquals(List.of("bookworm-r2: INFRA_ERROR (ssh: connection refused)"), changes.currentWithoutResult());
        assertEquals(Outcome.INFRA_ERROR, changes.outcome());
        assertEquals(Label.GONE, find(changes, "trixie", "cells").label());
        assertEquals("1", parse(ChangesReport.junit("nightly", changes)).getAttribute("errors"));
    }

    private static Change find(Changes c, String image, String name) {
        return c.changes().stream().filter(ch -> ch.image().equals(image) && ch.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(image + "/" + name + " not compared"));
    }

    /** The {@code index}th Markdown table: its rows (the header first), cells trimmed, the separator left out. */
    private static List<List<String>> table(String md, int index) {
        String[] blocks = md.split("\n\n");
        List<String> tables = java.util.Arrays.stream(blocks).filter(b -> b.startsWith("|")).toList();
        return tables.get(index).lines().filter(l -> !l.startsWith("|---")).map(l -> java.util.Arrays.stream(
                l.substring(1, l.length() - 1).split(" \\| ", -1)).map(String::trim).toList()).toList();
    }

    private static Element parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    /**
     * {@code harness report CELLS --baseline PACKED -o OUT} and {@code harness compare BASELINE CURRENT}: the changes
     * come first in the report and in junit.xml, changes.json is written, and the planted regression fails (exit 1).
     */
    @Test
    void theReportAndCompareCommandsPutTheChangesFirstAndFail() throws Exception {
        Path packed = tmp.resolve("baseline.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", packed.toString(), "-C", baseline.getParent().toString(),
                baseline.getFileName().toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        Path out = tmp.resolve("report");
        java.io.StringWriter w = new java.io.StringWriter();
        picocli.CommandLine cl = ptlab.cli.Main.newCommandLine();
        cl.setOut(new java.io.PrintWriter(w));
        int code = cl.execute("report", current.toString(), "--baseline", packed.toString(), "-o", out.toString());
        assertEquals(1, code, w.toString());
        assertTrue(w.toString().contains("changes since the baseline: 4 called"), w.toString());
        String md = Files.readString(out.resolve("report.md"));
        String firstSection = md.lines().filter(l -> l.startsWith("## ")).findFirst().orElseThrow();
        assertEquals("## " + ChangesReport.TITLE, firstSection, md);
        assertTrue(Files.isRegularFile(out.resolve(Changes.FILE)));
        assertEquals(packed.toAbsolutePath().toString(), Json.tree(out.resolve(Changes.FILE)).get("baseline").asText(),
                "the packed file is named, not where it was unpacked");
        Element suites = parse(Files.readString(out.resolve("junit.xml")));
        Element first = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertEquals("changes", first.getAttribute("name"));
        // the slower walk and the oracle that failed; a kernel bump is a fact, not a failure
        assertEquals("2", first.getAttribute("failures"), Files.readString(out.resolve("junit.xml")));

        java.io.StringWriter c = new java.io.StringWriter();
        picocli.CommandLine compare = ptlab.cli.Main.newCommandLine();
        compare.setOut(new java.io.PrintWriter(c));
        assertEquals(1, compare.execute("compare", baseline.toString(), current.toString()));
        assertTrue(c.toString().startsWith("## " + ChangesReport.TITLE + "\n"), c.toString());
    }

    /** Reruns 6 to 8 of both images, moved into a copy of the current night and listed in reruns.json. */
    private Path withReruns(String name, boolean slowWalk, List<Integer> trixieFailing) throws Exception {
        Path cur = tmp.resolve(name);
        ptlab.testing.TestFiles.copyTree(current, cur);
        Path r = Nights.campaign(tmp.resolve(name + "-reruns"), templates, List.of(
                new Nights.Image("bookworm", BOOKWORM, 8, 1.1, slowWalk, List.of()),
                new Nights.Image("trixie", TRIXIE_BUMPED, 8, 1.3 * 1.1, false, trixieFailing)));
        java.util.Map<String, List<String>> ids = new java.util.TreeMap<>();
        for (String image : List.of("bookworm", "trixie")) {
            for (int rep = 6; rep <= 8; rep++) {
                String id = "20261201-020000-" + image + "-r" + rep;
                ptlab.testing.TestFiles.copyTree(r.resolve(id), cur.resolve(id));
                ids.computeIfAbsent(image, k -> new java.util.ArrayList<>()).add(id);
            }
        }
        Reruns.write(cur, new Reruns.Record(ids));
        return cur;
    }

    private static java.util.Map<String, String> labels(Changes c) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        c.called().forEach(ch -> m.put(ch.image() + "/" + ch.name(), ch.label().text()));
        return m;
    }

    /** Reruns that repeat the change make it a regression; reruns that do not make it flaky (JUnit skips it). */
    @Test
    void rerunsLabelAChangeThatHoldsARegressionAndOneThatDoesNotFlaky() throws Exception {
        assertEquals(Set.of("bookworm", "trixie"), Reruns.needed(CampaignChanges.between(baseline, current)));
        Path heldNight = withReruns("held", true, List.of(6, 7, 8));
        Changes held = CampaignChanges.between(baseline, heldNight);
        assertEquals(java.util.Map.of("bookworm/lkp25p3 walk p50", "regression", "trixie/kernel release", "changed",
                "trixie/changed packages", "changed",
                "trixie/" + Nights.HEAT_ORACLE, "regression"), labels(held));
        Change oracle = held.called().stream().filter(ch -> ch.kind() == Change.Kind.ORACLE).findFirst().orElseThrow();
        assertEquals(0, oracle.rerun().passed());
        assertEquals(3, oracle.rerun().repetitions());
        assertEquals(5, oracle.current().repetitions(), "the reruns are not the night's repetitions");
        assertEquals(Outcome.FAIL, held.outcome());
        // the cells gathered from their campaign, as harness report over a nightly's cells has them: the campaign's
        // reruns.json still says which are reruns
        List<Path> gathered;
        try (var cells = Files.list(heldNight)) {
            gathered = cells.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(labels(held), labels(CampaignChanges.between(baseline, gathered, tmp.resolve("report"))));

        Changes flaky = CampaignChanges.between(baseline, withReruns("flaky", false, List.of(7)));
        assertEquals(java.util.Map.of("bookworm/lkp25p3 walk p50", "flaky", "trixie/kernel release", "changed",
                "trixie/changed packages", "changed",
                "trixie/" + Nights.HEAT_ORACLE, "flaky"), labels(flaky));
        assertEquals(Outcome.PASS, flaky.outcome(), "flaky changes are reported, not failed");
    }

    /** A baseline that ran reruns (a night whose quantity changed and still passed) is its 5 repetitions, not 8. */
    @Test
    void theBaselinesRerunsAreNotItsRepetitions() throws Exception {
        Changes since = CampaignChanges.between(withReruns("kept", true, List.of()), current);
        List<Change> sides = since.changes().stream().filter(ch -> ch.baseline() != null
                && (ch.kind() == Change.Kind.QUANTITY || ch.kind() == Change.Kind.ORACLE)).toList();
        assertTrue(sides.size() > 10, sides.toString());
        sides.forEach(ch -> assertEquals(5, ch.baseline().repetitions(), ch.toString()));
        assertTrue(since.called().stream().noneMatch(ch -> ch.rerun() != null), "the baseline's reruns judge nothing here");
    }
}
