package ptlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.render.RenderPipeline;
import ptlab.testing.TestFiles;

/**
 * The shipped rubrics on the captured submission run folders (fixtures/submission/), rendered by the whole pipeline
 * first: the project's own solutions get full marks under every shipped rubric, and broken ones lose the points their
 * fault deserves, item by item. {@code own-pagetable} is SubmissionIT's run of the project's pagetable module and
 * getpfn (bookworm 6.1, TCG), its truth and ioctl CSVs cut to the buffer's first 256 pages.
 */
class ScorerTest {
    private static final Path FIXTURES = Path.of("harness/src/test/resources/fixtures/submission");

    @TempDir
    Path tmp;

    private Scorer.Score score(String rubric, String fixture) throws Exception {
        Path run = TestFiles.copyTree(FIXTURES.resolve(fixture), tmp.resolve(fixture));
        RenderPipeline.render(run);
        return Scorer.score(Rubric.load(Path.of("experiments/rubrics", rubric + ".yaml")).rubric(), run);
    }

    private static Map<String, Double> points(Scorer.Score s) {
        return s.items().stream().collect(Collectors.toMap(Scorer.ItemScore::id, Scorer.ItemScore::points));
    }

    /**
     * The own solutions under every shipped rubric. The captured lkp25p3 run holds Part 2 only (Part 1 has its own
     * run): every Part 2 item gets full marks and Part 1's say "absent"; GradeIT grades the packed own solution's
     * both parts in a guest.
     */
    @Test
    void theProjectsOwnSolutionsGetFullMarksUnderEveryShippedRubric() throws Exception {
        for (String rubric : List.of("lkp25p3-quick", "lkp25p3")) {
            Scorer.Score s = score(rubric, "own-solution");
            for (Scorer.ItemScore it : s.items()) {
                if (it.id().startsWith("part1")) {
                    // the builds say n/a (found, not built by this run), the log's oracle is absent
                    assertEquals(it.id().equals("part1") ? "absent" : "n/a", it.status(), it.toString());
                    assertEquals(0.0, it.points(), it.toString());
                } else {
                    assertEquals(it.max(), it.points(), rubric + ": " + it);
                }
            }
            assertEquals(70.0, s.total(), rubric + ": " + s);
            assertEquals(100.0, s.max());
        }
        for (String rubric : List.of("pagetable-quick", "pagetable")) {
            Scorer.Score s = score(rubric, "own-pagetable");
            assertEquals(100.0, s.total(), rubric + ": " + s);
            assertTrue(s.failures().isEmpty(), s.failures().toString());
        }
    }

    @Test
    void warningsAreTakenOffOnePointEach() throws Exception {
        Scorer.Score s = score("lkp25p3-quick", "seed-style");
        // Part 2 in full (70) and Part 1's builds (10), its log's oracle absent from this Part 2 run; 3 warnings
        assertEquals(77.0, s.total(), s.toString());
        Scorer.DeductionScore w = s.deductions().get(0);
        assertEquals(3, w.count());
        assertEquals("3 x 1", w.why());
    }

    @Test
    void aModuleLoggingThePfnLosesTheTranslateItemAndIsClassedSo() throws Exception {
        Scorer.Score s = score("lkp25p3-quick", "pfn");
        assertEquals(0.0, points(s).get("translate"), s.toString());
        assertTrue(s.failures().contains("translate: logs the PFN instead of the PA"), s.failures().toString());
    }

    @Test
    void aCrashCostsItsPartAndTheDeduction() throws Exception {
        Scorer.Score s = score("lkp25p3-quick", "crashed");
        assertEquals(0.0, points(s).get("translate"), s.toString());
        assertEquals(10.0, s.deductions().stream().filter(d -> d.id().equals("crash")).findFirst().orElseThrow().points(),
                s.deductions().toString());
        assertTrue(s.failures().contains("translate: KERNEL_CRASH"), s.failures().toString());
    }

    /** Partial credit: linear between none_below and full_from of the oracle's share right. */
    @Test
    void partialCreditFollowsTheShare() {
        Rubric.Item it = new Rubric.Item("t", "T", 30, "x", 0.9, 0.5, null);
        assertEquals(15.0, Scorer.item(it, ptlab.analysis.OracleResult.fail("x", "").withShare(0.7)).points());
        assertEquals(30.0, Scorer.item(it, ptlab.analysis.OracleResult.fail("x", "").withShare(0.95)).points());
        assertEquals(0.0, Scorer.item(it, ptlab.analysis.OracleResult.fail("x", "").withShare(0.49)).points());
        assertEquals(0.0, Scorer.item(it, ptlab.analysis.OracleResult.needsReview("x", "")).points());
        assertEquals(0.0, Scorer.item(it, ptlab.analysis.OracleResult.notApplicable("x", "")).points());
        assertEquals("absent", Scorer.item(it, null).status());
    }

    /** The failure classes the class report counts, from the judges' own counts. */
    @Test
    void failuresAreClassedByTheLargestWrongCount() {
        assertEquals("dump: logs nothing for the process's pages", FailureClass.of("dump", ptlab.analysis.OracleResult.fail("x",
                "0 of the buffer's 4097 present pages logged right (0.0%), 0 logged as a PFN, 0 wrong, 4097 not logged")));
        assertEquals("ioctl: answers the PA instead of the PFN", FailureClass.of("ioctl", ptlab.analysis.OracleResult.fail("x",
                "0 of 256 call(s) about present pages of the buffer gave pagemap's PFN (0.0%), 256 a physical address, 0 failed,"
                + " 0 wrong")));
        assertEquals("translate: KERNEL_CRASH", FailureClass.of("translate", ptlab.analysis.OracleResult.fail("x",
                "KERNEL_CRASH: BUG: kernel NULL pointer dereference")));
    }
}
