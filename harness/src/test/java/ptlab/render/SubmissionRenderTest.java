package ptlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import ptlab.analysis.OracleResult;
import ptlab.judge.AccessJudge;
import ptlab.judge.Part1Judge;
import ptlab.judge.Submissions;
import ptlab.judge.TranslateJudge;
import ptlab.judge.VmaJudge;
import ptlab.runfolder.OracleFile;
import ptlab.testing.JUnitDom;
import ptlab.testing.TestFiles;

/**
 * Submission run folders (fixtures/submission/, each with the minimal manifest.json of the hand-made run: experiment,
 * run_id, author, accelerator, guest_kernel) rendered by the whole pipeline.
 */
class SubmissionRenderTest {
    private static final List<String> PARTS = List.of(TranslateJudge.NAME, VmaJudge.NAME, AccessJudge.NAME);

    @TempDir
    Path tmp;

    private Path render(String style) throws Exception {
        Path run = TestFiles.copyTree(Submissions.ROOT.resolve(style), tmp.resolve(style));
        RenderPipeline.render(run);
        return run;
    }

    /** oracles.json as name -> status, in report order. */
    private static Map<String, OracleResult> oracles(Path run) {
        Map<String, OracleResult> out = new LinkedHashMap<>();
        OracleFile.read(run.resolve("oracles.json")).forEach(o -> out.put(o.name(), o));
        return out;
    }

    @Test
    void aCorrectSubmissionPassesEveryPartWithItsFigures() throws Exception {
        Path run = render("seed-style");
        Map<String, OracleResult> o = oracles(run);
        assertEquals(List.of("memalloc found and built", "pagemap found and built", "lkp25p3 found and built",
                "part2-memalloc found and built", TranslateJudge.NAME, VmaJudge.NAME, AccessJudge.NAME), List.copyOf(o.keySet()));
        o.values().forEach(r -> assertEquals(OracleResult.Status.PASSED, r.status(), r.toString()));
        assertEquals("BUILT by native-sandbox, 3 warning(s): part2/lkp25p3.c 2, part2/walk.c 1", o.get("lkp25p3 found and built").detail());
        for (String stem : List.of("First-Last-Submission-Lat-CDF", "First-Last-Submission-Access-Heatmap")) {
            assertTrue(Files.size(run.resolve("figures/" + stem + ".pdf")) > 0, stem);
        }
        String caption = Files.readString(run.resolve("figures/First-Last-Submission-Lat-CDF.caption.txt"));
        assertTrue(caption.startsWith("The student's module logged a time for 127 of 128 VAs: p50 "), caption);
        List<String> md = Files.readAllLines(run.resolve("report.md"));
        assertTrue(md.contains("- Outcome: PASS (manifest.json records no outcome; from the oracles)."), md.get(1));
        for (String title : List.of(SubmissionSection.PARTS_TITLE, SubmissionTranslate.TITLE, SubmissionVma.TITLE,
                SubmissionAccess.TITLE, SubmissionSection.REVIEW_TITLE)) {
            assertTrue(md.contains("## " + title), title);
        }
        assertFalse(md.contains("## Part 1: pagemap layout and latency"), "the reference's unrun sections are left out");
        assertTrue(md.contains("Nothing: every part was judged."));
        assertTrue(Files.isRegularFile(run.resolve("datasets/submission-translate.csv")));
    }

    /**
     * The project's own solution run as a submission (bookworm 6.1, TCG; kmsg records before the module loaded and the
     * empty console logs left out): every judged oracle passes, the part-1 programs are found but not built here.
     */
    @Test
    void theProjectsOwnSolutionPassesEveryJudgedPart() throws Exception {
        Map<String, OracleResult> o = oracles(render("own-solution"));
        assertEquals(List.of("memalloc found and built", "pagemap found and built", "lkp25p3 found and built",
                "part2-memalloc found and built", TranslateJudge.NAME, VmaJudge.NAME, AccessJudge.NAME), List.copyOf(o.keySet()));
        for (String judged : List.of("lkp25p3 found and built", "part2-memalloc found and built", TranslateJudge.NAME,
                VmaJudge.NAME, AccessJudge.NAME)) {
            assertEquals(OracleResult.Status.PASSED, o.get(judged).status(), o.get(judged).toString());
        }
        for (String found : List.of("memalloc found and built", "pagemap found and built")) {
            assertEquals(OracleResult.Status.NOT_APPLICABLE, o.get(found).status(), o.get(found).toString());
        }
        assertTrue(o.get(AccessJudge.NAME).detail().startsWith("64 of 130 line(s) read as run-length page values"),
                o.get(AccessJudge.NAME).detail());
    }

    /** Part 1 judged from the student's table, with their latency CDF; output in no known form needs review. */
    @Test
    void partOneIsJudgedFromTheStudentsOwnLogAndUnreadableOutputNeedsReview() throws Exception {
        Path run = render("part1-csv");
        Map<String, OracleResult> o = oracles(run);
        assertEquals(List.of("memalloc found and built", "pagemap found and built", Part1Judge.NAME), List.copyOf(o.keySet()));
        assertEquals(OracleResult.Status.PASSED, o.get(Part1Judge.NAME).status(), o.get(Part1Judge.NAME).detail());
        assertTrue(o.get(Part1Judge.NAME).detail().startsWith("96 pair(s) read from 2 output(s) of 2 run(s), 96 judged: EXACT 64,"),
                o.get(Part1Judge.NAME).detail());
        assertTrue(Files.size(run.resolve("figures/First-Last-Submission-Pagemap-Lat-CDF.pdf")) > 0);
        List<String> md = Files.readAllLines(run.resolve("report.md"));
        assertTrue(md.contains("## " + SubmissionPart1.TITLE), String.join("\n", md));
        assertTrue(md.contains("| run-1 | run-1/pm-1/va2pa.csv | table: vaddr,paddr,latency_ns | 48 |"), String.join("\n", md));

        Path unreadable = render("part1-unreadable");
        OracleResult review = oracles(unreadable).get(Part1Judge.NAME);
        assertEquals(OracleResult.Status.NEEDS_REVIEW, review.status(), review.detail());
        String report = Files.readString(unreadable.resolve("report.md"));
        assertTrue(report.contains("run-1/pm-1/stdout.txt: page 1 ok"), "the student's lines are quoted");
        assertTrue(oracles(render("part1-unprivileged")).get(Part1Judge.NAME).detail().contains("without CAP_SYS_ADMIN"));
    }

    @Test
    void reviewIsShownAsReviewAndSkippedAndNeverFailsARun() throws Exception {
        Path run = TestFiles.copyTree(Submissions.ROOT.resolve("keyvalue-style"), tmp.resolve("kv"));
        // the keyvalue student's VMA walk misses one VMA; give it the seed-style walk so only review remains
        Files.copy(Submissions.file("seed-style", "vma", "kmsg.txt"), run.resolve("raw/submission/vma/kmsg.txt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RenderResult r = RenderPipeline.render(run);
        assertTrue(r.allPassed(), r.oracles().toString());
        OracleResult access = oracles(run).get(AccessJudge.NAME);
        assertEquals(OracleResult.Status.NEEDS_REVIEW, access.status());
        List<String> md = Files.readAllLines(run.resolve("report.md"));
        assertTrue(md.contains("- Outcome: PASS (manifest.json records no outcome; from the oracles)."), String.join("\n", md));
        assertTrue(md.contains("- Oracles: 6 of 7 passed, 1 need(s) review."), String.join("\n", md));
        assertTrue(md.contains("| " + AccessJudge.NAME + " | review | " + access.detail() + " |"));
        assertTrue(md.contains("| check | what to read |"), "the needs-review list");
        Element root = JUnitDom.root(run.resolve("junit.xml"));
        assertEquals(List.of("0", "1"), List.of(root.getAttribute("failures"), root.getAttribute("skipped")));
        NodeList skipped = root.getElementsByTagName("skipped");
        assertEquals(AccessJudge.NAME, ((Element) skipped.item(0).getParentNode()).getAttribute("name"));
        assertEquals("needs review: " + access.detail(), ((Element) skipped.item(0)).getAttribute("message"));
        assertTrue(Files.readString(run.resolve("report.html")).contains("<td class=\"review\">review</td>"));
    }

    @Test
    void aKernelCrashFailsThePartWithItsEvidence() throws Exception {
        Path run = render("crashed");
        Map<String, OracleResult> o = oracles(run);
        assertEquals("KERNEL_CRASH: BUG: kernel NULL pointer dereference in lkp25p3_write", o.get(TranslateJudge.NAME).detail());
        assertEquals("NOT_RUN: the guest crashed in an earlier part", o.get(VmaJudge.NAME).detail());
        assertEquals("NOT_RUN: raw/submission/access/ is absent", o.get(AccessJudge.NAME).detail());
        PARTS.forEach(p -> assertEquals(OracleResult.Status.FAILED, o.get(p).status(), p));
        List<String> md = Files.readAllLines(run.resolve("report.md"));
        assertTrue(md.contains("### Evidence (KERNEL_CRASH)"));
        assertTrue(md.contains("[   93.115402] RIP: 0010:lkp25p3_write+0x5e/0x1a0 [lkp25p3]"));
    }

    @Test
    void aBuildFailureFailsEveryPartWithTheCompilerLine() throws Exception {
        Path run = render("build-failed");
        Map<String, OracleResult> o = oracles(run);
        String why = "BUILD_FAILED (native-sandbox): part2/lkp25p3.c:141:25: error: 'struct mm_struct' has no member named 'mmap'";
        assertEquals(why, o.get("lkp25p3 found and built").detail());
        PARTS.forEach(p -> assertEquals(why, o.get(p).detail(), p));
        assertEquals(OracleResult.Status.PASSED, o.get("memalloc found and built").status());
        List<String> md = Files.readAllLines(run.resolve("report.md"));
        assertTrue(md.contains("### lkp25p3: BUILD_FAILED (compiler excerpt)"), String.join("\n", md));
        assertTrue(md.get(2).startsWith("- Outcome: FAIL"), md.get(2));
    }

    /**
     * A module with two candidates (the build-failed run's parts.json, its module made ambiguous): it was neither
     * built nor run, so its oracles ask a person rather than fail; the translate part left its AMBIGUOUS outcome.
     */
    @Test
    void anAmbiguousModuleAsksForReviewInsteadOfFailing() throws Exception {
        Path run = TestFiles.copyTree(Submissions.ROOT.resolve("build-failed"), tmp.resolve("ambiguous"));
        Path parts = run.resolve("raw/submission/parts.json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(parts.toFile());
        String detail = "2 candidates: part2/v1/lkp25p3.c, part2/v2/lkp25p3.c; settle it with --part"
                + " lkp25p3=part2/v1/lkp25p3.c or --part lkp25p3=part2/v2/lkp25p3.c";
        json.withArray("parts").forEach(p -> {
            if (p.get("part").asText().equals("lkp25p3")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) p).put("state", "ambiguous").put("detail", detail)
                        .remove("build");
            }
        });
        Files.writeString(parts, json.toString());
        Files.createDirectories(run.resolve("raw/submission/translate"));
        Files.writeString(run.resolve("raw/submission/translate/outcome.json"), "{\"part\":\"translate\",\"verdict\":"
                + "\"AMBIGUOUS\",\"detail\":\"AMBIGUOUS: Part 2 kernel module: " + detail + "\",\"evidence\":\"\"}");
        RenderPipeline.render(run);
        Map<String, OracleResult> o = oracles(run);
        assertEquals(OracleResult.Status.NEEDS_REVIEW, o.get("lkp25p3 found and built").status());
        assertEquals("AMBIGUOUS: " + detail, o.get("lkp25p3 found and built").detail());
        PARTS.forEach(p -> assertEquals(OracleResult.Status.NEEDS_REVIEW, o.get(p).status(), p + ": " + o.get(p)));
        assertTrue(o.get(TranslateJudge.NAME).detail().endsWith("or --part lkp25p3=part2/v2/lkp25p3.c"));
        assertEquals(OracleResult.Status.PASSED, o.get("memalloc found and built").status());
    }

    /** VMAs printed as a start and a size, a form no reader knows: a person reads them; the student is not failed. */
    @Test
    void vmaLinesWithAddressesInAnUnknownFormAskForReview() throws Exception {
        Path run = TestFiles.copyTree(Submissions.ROOT.resolve("seed-style"), tmp.resolve("unknown-form"));
        Path kmsg = run.resolve("raw/submission/vma/kmsg.txt");
        List<String> lines = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(kmsg)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*;)VMA(\\d+): \\[(0x[0-9a-f]+) - .*$").matcher(l);
            lines.add(m.matches() ? m.group(1) + "area " + m.group(2) + " at " + m.group(3) + " plus 132 KB" : l);
        }
        Files.write(kmsg, lines);
        RenderPipeline.render(run);
        OracleResult vma = oracles(run).get(VmaJudge.NAME);
        assertEquals(OracleResult.Status.NEEDS_REVIEW, vma.status(), vma.detail());
        assertTrue(vma.detail().contains("no range recognised"), vma.detail());
        assertTrue(Files.readString(run.resolve("report.md")).contains("area 1 at 0x"));
    }

    @Test
    void aRunWithoutSubmissionHasNoSubmissionSection() throws Exception {
        Path run = ptlab.report.TestRuns.copy(tmp.resolve("plain"));
        RenderPipeline.render(run);
        assertFalse(Files.readString(run.resolve("report.md")).contains("Submission"));
    }
}
