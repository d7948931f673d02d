package ptlab.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ptlab.report.TestRuns;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.SourceLocatedException;
import ptlab.analysis.OracleResult;
import ptlab.json.Json;

class RenderPipelineTest {
    @TempDir
    Path tmp;

    private static String read(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static OracleResult oracle(RenderResult r, String name) {
        return r.oracles().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "no oracle '" + name + "' in " + r.oracles().stream().map(OracleResult::name).collect(Collectors.joining(", "))));
    }

    @Test
    void handmadeRunPassesEveryOracleAndWritesEveryFile() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        RenderResult r = RenderPipeline.render(run);
        assertTrue(r.allPassed(), r.oracles().toString());
        assertEquals(10, r.oracles().size(), r.oracles().toString());
        for (String stem : List.of("part1-layout-4k", "part1-layout-2m", "part1-layout-whole", "First-Last-Pagemap-Lat-CDF",
                "First-Last-Module-vs-Pagemap-Lat-CDF", "First-Last-Access-Heatmap", "pagetable-pfn-agreement")) {
            for (String ext : List.of(".pdf", ".png", ".caption.txt")) {
                Path f = run.resolve("figures/" + stem + ext);
                assertTrue(Files.size(f) > 0, f.toString());
                assertTrue(r.files().contains(f), f.toString());
            }
        }
        for (String d : List.of("part1-contiguity.csv", "part1-latency.csv", "part1-latency-cdf.csv", "part1-4k-runs.csv",
                "xlate-compare.csv", "xlate-latency.csv", "vma-compare.csv", "heatmap.csv", "heat-regions.csv",
                "pagetable-compare.csv", "pagetable-dump-runs.csv", "kmsg-gaps.csv", "log-agreement.csv", "oracles.csv")) {
            assertTrue(Files.isRegularFile(run.resolve("datasets/" + d)), d);
        }
        assertEquals(List.of("part1", "part1", "part1", "part1", "part2", "part2", "pagetable"),
                r.figures().stream().map(FigureFile::part).toList());
        assertEquals("First-Last-Pagemap-Lat-CDF.pdf", r.figures().get(3).pdf().getFileName().toString());
    }

    @Test
    void reRenderingGivesIdenticalBytesEverywhere() throws Exception {
        Path a = TestRuns.copy(tmp.resolve("a/run"));
        Path b = TestRuns.copy(tmp.resolve("b/elsewhere"));
        RenderPipeline.render(a);
        List<String> first = TestRuns.files(a);
        byte[][] before = new byte[first.size()][];
        for (int i = 0; i < first.size(); i++) {
            before[i] = Files.readAllBytes(a.resolve(first.get(i)));
        }
        RenderPipeline.render(a);
        RenderPipeline.render(b);
        assertEquals(first, TestRuns.files(a));
        assertEquals(first, TestRuns.files(b));
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(before[i], Files.readAllBytes(a.resolve(first.get(i))), "re-render changed " + first.get(i));
            assertArrayEquals(before[i], Files.readAllBytes(b.resolve(first.get(i))), "another folder changed " + first.get(i));
        }
    }

    @Test
    void captionsAndReportsCarryTheNumbers() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        RenderPipeline.render(run);
        String cdf = read(run.resolve("figures/First-Last-Pagemap-Lat-CDF.caption.txt"));
        assertTrue(cdf.contains("4k p50 "), cdf);
        assertTrue(cdf.contains("Per-page over batched at p50:"), cdf);
        assertTrue(cdf.contains("under TCG emulation: absolute values are not hardware latencies"), cdf);
        String layout = read(run.resolve("figures/part1-layout-whole.caption.txt"));
        assertTrue(layout.contains("2 physical run(s), the largest 512 pages (2 MiB)"), layout);
        assertTrue(layout.contains("100.0% of present pages are in transparent huge pages"), layout);
        String two = read(run.resolve("figures/part1-layout-2m.caption.txt"));
        assertTrue(two.contains("in 2 virtually contiguous segment(s)"), two);
        String mod = read(run.resolve("figures/First-Last-Module-vs-Pagemap-Lat-CDF.caption.txt"));
        assertTrue(mod.contains("lkp25p3 walk: p50 "), mod);
        assertTrue(mod.contains("the module's time"), mod);
        assertTrue(mod.contains("no syscall in the timed region"), mod);
        assertTrue(mod.contains("Walk to walk"), mod);
        String heat = read(run.resolve("figures/First-Last-Access-Heatmap.caption.txt"));
        assertTrue(heat.contains("hot [0, 4 MiB) 9.98, warm [4 MiB, 8 MiB) 7.00, cold [8 MiB, 16 MiB) 0.00049"), heat);
        assertTrue(heat.contains("5 complete report(s)"), heat);
        String pt = read(run.resolve("figures/pagetable-pfn-agreement.caption.txt"));
        assertTrue(pt.contains("8 of 8 buffer pages"), pt);

        String md = read(run.resolve("report.md"));
        assertTrue(md.startsWith("# Run report: handmade / handmade-0001\n"), md.substring(0, 80));
        assertTrue(md.contains("| no kmsg record lost | PASS | 94 records, seq 0..93, 0 lost |"), md);
        assertTrue(md.contains("![First-Last-Pagemap-Lat-CDF](figures/First-Last-Pagemap-Lat-CDF.png)"), md);
        assertTrue(md.contains("| author.first | First |"), md);
        assertTrue(md.lines().toList().contains("| build |  | 17.00 |  |  |  |"), "the steps table: " + md);
        assertTrue(md.contains("| lkp25p3 | 85 | 85 | yes |"), md);
        assertTrue(md.contains("[always] madvise never"), md);
        assertTrue(md.contains("excluded: gate VMA outside the VMA tree"), md);
        String html = read(run.resolve("report.html"));
        assertTrue(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"), "PNG embedded");
        assertTrue(html.contains("<a href=\"figures/First-Last-Access-Heatmap.pdf\">PDF</a>"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"), "opens offline");
        JsonNode oracles = Json.tree(run.resolve("oracles.json"));
        assertEquals(10, oracles.size(), oracles.toString());
        for (JsonNode o : oracles) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("name", "status", "detail"), keys, o.toString());
            assertEquals("PASSED", o.get("status").asText(), o.toString());
        }
        JsonNode ioctl = StreamSupport.stream(oracles.spliterator(), false)
                .filter(o -> o.get("name").asText().equals("ioctl PFN == pagemap PFN")).findFirst().orElseThrow();
        assertTrue(ioctl.get("detail").asText().startsWith("8 buffer pages"), ioctl.toString());
    }

    @Test
    void absentSectionsAreNotRun() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        for (String dir : List.of("raw/part1", "raw/access", "raw/vma", "raw/xlate", "raw/pagetable", "raw/guest")) {
            try (var s = Files.walk(run.resolve(dir))) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        RenderResult r = RenderPipeline.render(run);
        assertEquals(List.of("no kmsg record lost"), r.oracles().stream().map(OracleResult::name).toList());
        assertTrue(r.figures().isEmpty());
        String md = read(run.resolve("report.md"));
        assertTrue(md.contains("Not run: raw/part1/ is absent."), md);
        assertTrue(md.contains("Not run or incomplete: Part 1"), md);
    }

    @Test
    void missingFilesInAStartedSectionFailAnOracle() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        Files.delete(run.resolve("raw/part1/2m/pagemap-batched.csv"));
        RenderResult r = RenderPipeline.render(run);
        OracleResult o = oracle(r, "part1 2m: raw files complete");
        assertFalse(o.passed());
        assertEquals("missing raw/part1/2m/pagemap-batched.csv", o.detail());
        assertFalse(r.allPassed());
    }

    @Test
    void wrongIoctlPfnFailsItsOracle() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        TestRuns.edit(run.resolve("raw/pagetable/getpfn.csv"), ",0x1a001,", ",0x1a00f,");
        RenderResult r = RenderPipeline.render(run);
        OracleResult o = oracle(r, "ioctl PFN == pagemap PFN");
        assertFalse(o.passed());
        assertTrue(o.detail().contains("7 agree, 1 disagree"), o.detail());
        assertTrue(oracle(r, "pagetable dump == pagemap").passed());
    }

    @Test
    void wrongModulePaAndLostKmsgRecordsFail() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        TestRuns.edit(run.resolve("raw/kmsg.txt"), "pa=0x41009123", "pa=0x41009000");
        TestRuns.edit(run.resolve("raw/kmsg.txt"), "6,40,", "6,41,");
        RenderResult r = RenderPipeline.render(run);
        assertFalse(oracle(r, "module VA->PA == pagemap").passed());
        OracleResult lost = oracle(r, "no kmsg record lost");
        assertFalse(lost.passed());
        assertTrue(lost.detail().contains("1 lost"), lost.detail());
    }

    @Test
    void vmaMismatchAndColdHeatFail() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        TestRuns.edit(run.resolve("raw/vma/maps.txt"), "[heap]", "[heap2]");
        String kmsg = read(run.resolve("raw/kmsg.txt")).replace("rle=0*2040,1,0*7", "rle=10*2048");
        Files.writeString(run.resolve("raw/kmsg.txt"), kmsg, StandardCharsets.UTF_8);
        RenderResult r = RenderPipeline.render(run);
        OracleResult vma = oracle(r, "module VMA walk == /proc/1/maps");
        assertFalse(vma.passed());
        assertTrue(vma.detail().contains("path '[heap2]' vs '[heap]'"), vma.detail());
        assertFalse(oracle(r, "heatmap regions where the workload put them").passed());
    }

    @Test
    void malformedInputNamesFileAndLine() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        TestRuns.edit(run.resolve("raw/part1/4k/pagemap-per-page.csv"), ",1,0,1,0,1,0,0,", ",1,0,1,0,1,0,X,");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> RenderPipeline.render(run));
        assertEquals(2, e.line());
        assertEquals("thp", e.field());
        assertEquals(Outcome.USAGE_ERROR, e.outcome());
        assertTrue(e.getMessage().contains("pagemap-per-page.csv:2"), e.getMessage());
    }

    @Test
    void aFolderWithoutRawIsAUsageError() {
        HarnessException e = assertThrows(HarnessException.class, () -> RenderPipeline.render(tmp));
        assertEquals(Outcome.USAGE_ERROR, e.outcome());
    }

    @Test
    void staleFilesOfAPreviousRenderAreRemoved() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        RenderPipeline.render(run);
        TestRuns.edit(run.resolve("manifest.json"), "\"Last\"", "\"Byron\"");
        RenderPipeline.render(run);
        assertFalse(Files.exists(run.resolve("figures/First-Last-Pagemap-Lat-CDF.pdf")));
        assertTrue(Files.exists(run.resolve("figures/First-Byron-Pagemap-Lat-CDF.pdf")));
    }
}
