package ptlab.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.testing.TestFiles;

/** The reproduction verdict on captured runs: a run agrees with itself; a tampered raw file is named. */
class ReproductionTest {
    private static final Path RUN = Path.of("harness/src/test/resources/fixtures/runs/quick-part2-bookworm-6.1-tcg");
    private static final Pattern LAT = Pattern.compile("(lkp25p3: xlate .* lat_ns=)(\\d+)");

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

        Path kmsg = b.resolve("raw/kmsg.txt");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(kmsg)) {
            Matcher m = LAT.matcher(line);
            sb.append(m.find() ? line.substring(0, m.start(2)) + Long.parseLong(m.group(2)) * 10 + line.substring(m.end(2))
                    : line).append('\n');
        }
        Files.writeString(kmsg, sb.toString());
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
}
