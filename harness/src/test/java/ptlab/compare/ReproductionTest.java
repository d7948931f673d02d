package ptlab.compare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ptlab.render.RenderPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aChangedShapeIsJudgedUnderKvmAndReportedUnderTcg() throws Exception {
        Path a = TestFiles.copyTree(RUN, tmp.resolve("a"));
        Path b = TestFiles.copyTree(RUN, tmp.resolve("b"));
        // the slower half of the walks twice as slow: p50 and p90 within tolerance, the shape not
        TestFiles.slowDownModuleWalkAbove(b.resolve("raw/kmsg.txt"), 2, 0.5);
        RenderPipeline.render(a);
        RenderPipeline.render(b);
        String shape = "lkp25p3 walk KS distance, each scaled by its median";

        Reproduction.Result tcg = Reproduction.compare(a, b);
        assertTrue(tcg.reproduced(), tcg.verdict());
        Reproduction.Quantity reported = tcg.quantities().stream().filter(q -> q.name().equals(shape)).findFirst()
                .orElseThrow();
        assertTrue(reported.tolerance().startsWith("not judged: under TCG"), reported.toString());

        for (Path run : List.of(a, b)) {
            Path m = run.resolve("manifest.json");
            Files.writeString(m, Files.readString(m).replace("\"accelerator\" : \"tcg\"", "\"accelerator\" : \"kvm\""));
        }
        Reproduction.Result kvm = Reproduction.compare(a, b);
        assertFalse(kvm.reproduced());
        assertTrue(kvm.verdict().contains(shape + ": - -> "), kvm.verdict());
        assertTrue(kvm.verdict().contains("(tolerance <= 0.35)"), kvm.verdict());
        assertFalse(kvm.verdict().contains("walk p50") || kvm.verdict().contains("walk p90"), kvm.verdict());
    }

    /** Gives every captured xlate line an empty clock pair of {@code ns}, as the current module logs. */
    private static void withClock(Path kmsg, long ns) throws java.io.IOException {
        String text = java.nio.file.Files.readString(kmsg);
        java.nio.file.Files.writeString(kmsg, text.replaceAll("(lkp25p3: xlate .* lat_ns=\\d+)", "$1 clk_ns=" + ns));
    }
}
