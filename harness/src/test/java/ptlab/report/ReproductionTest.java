package ptlab.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.testing.TestFiles;

/** The reproduction verdict on captured runs: a run agrees with itself; a tampered raw file is named. */
class ReproductionTest {
    private static final Path RUN = Path.of("harness/src/test/resources/fixtures/runs/quick-part2-bookworm-6.1-tcg");

    @TempDir
    Path tmp;

    @Test
    void aRunReproducesItselfAndATenfoldSlowerWalkIsNamed() throws Exception {
        Path a = TestFiles.copyTree(RUN, tmp.resolve("a"));
        Path b = TestFiles.copyTree(RUN, tmp.resolve("b"));
        RenderPipeline.render(a);
        RenderPipeline.render(b);
        Reproduction.Result same = Reproduction.compare(a, b);
        assertTrue(same.reproduced(), same.verdict());
        assertTrue(same.verdict().startsWith("reproduced: every oracle passed and"), same.verdict());
        assertTrue(same.quantities().stream().anyMatch(q -> q.name().equals("lkp25p3 walk p50")));
        assertTrue(same.quantities().stream().anyMatch(q -> q.name().equals("heatmap hot mean /s")));

        TestFiles.slowDownModuleWalk(b.resolve("raw/kmsg.txt"), 10);
        RenderPipeline.render(b);
        Reproduction.Result tampered = Reproduction.compare(a, b);
        assertFalse(tampered.reproduced());
        assertTrue(tampered.verdict().contains("lkp25p3 walk p50: 360 ns -> 3,600 ns (10.0x) (tolerance within 2.0x)"),
                tampered.verdict());
        assertFalse(tampered.verdict().contains("pagemap per-page p50"), "only what changed is named: "
                + tampered.verdict());
        String md = Reproduction.markdown(tampered, "a", "b");
        assertTrue(md.contains("| lkp25p3 walk p50 | 360 ns | 3,600 ns (10.0x) | within 2.0x | **NO** |"), md);
    }

    @Test
    void theClockPairAndTheWalkMinusItAreReportedNotJudged() throws Exception {
        Path a = TestFiles.copyTree(RUN, tmp.resolve("a"));
        Path b = TestFiles.copyTree(RUN, tmp.resolve("b"));
        withClock(a.resolve("raw/kmsg.txt"), 100);
        withClock(b.resolve("raw/kmsg.txt"), 300);
        RenderPipeline.render(a);
        RenderPipeline.render(b);
        Reproduction.Result r = Reproduction.compare(a, b);
        assertTrue(r.reproduced(), r.verdict());
        assertTrue(r.quantities().stream().anyMatch(q -> q.name().equals("empty ktime_get_ns() pair p50")),
                r.quantities().toString());
    }

    @Test
    void aSlowerTailIsReportedButASlowerBodyIsNot() throws Exception {
        Path a = TestFiles.copyTree(RUN, tmp.resolve("a"));
        Path tail = TestFiles.copyTree(RUN, tmp.resolve("tail"));
        Path body = TestFiles.copyTree(RUN, tmp.resolve("body"));
        TestFiles.slowDownModuleWalkAbove(tail.resolve("raw/kmsg.txt"), 5, 0.95);
        TestFiles.slowDownModuleWalkAbove(body.resolve("raw/kmsg.txt"), 5, 0.5);
        RenderPipeline.render(a);
        RenderPipeline.render(tail);
        RenderPipeline.render(body);

        Reproduction.Result slowTail = Reproduction.compare(a, tail);
        assertTrue(slowTail.reproduced(), slowTail.verdict());
        Reproduction.Quantity p99 = slowTail.quantities().stream().filter(q -> q.name().equals("lkp25p3 walk p99"))
                .findFirst().orElseThrow();
        assertTrue(p99.tolerance().startsWith("not judged"), p99.toString());
        assertTrue(p99.reproduced().endsWith(" ns") && !p99.reproduced().equals(p99.original()), p99.toString());

        Reproduction.Result slowBody = Reproduction.compare(a, body);
        assertFalse(slowBody.reproduced());
        assertTrue(slowBody.verdict().contains("lkp25p3 walk p90: "), slowBody.verdict());
        assertTrue(slowBody.verdict().contains("(tolerance within 3.0x)"), slowBody.verdict());
    }

    /** Gives every captured xlate line an empty clock pair of {@code ns}, as the current module logs. */
    private static void withClock(Path kmsg, long ns) throws java.io.IOException {
        String text = java.nio.file.Files.readString(kmsg);
        java.nio.file.Files.writeString(kmsg, text.replaceAll("(lkp25p3: xlate .* lat_ns=\\d+)", "$1 clk_ns=" + ns));
    }
}
