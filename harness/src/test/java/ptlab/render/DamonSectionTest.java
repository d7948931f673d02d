package ptlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ptlab.report.TestRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import ptlab.analysis.DamonWitness;
import ptlab.analysis.OracleResult;

public class DamonSectionTest {
    @TempDir
    Path tmp;

    public static final String PARAMS = "size=16777216\nduration_s=2\nhot_end=4194304\nwarm_start=4194304\nwarm_end=8388608\n"
            + "warm_period_us=1000\nthp=never\nsample_us=5000\naggr_us=100000\nupdate_us=1000000\n";

    private static void write(Path run, String rel, String text) throws Exception {
        Path p = run.resolve("raw/damon").resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static OracleResult oracle(RenderResult r) {
        return r.oracles().stream().filter(o -> o.name().equals(DamonWitness.NAME)).findFirst().orElseThrow();
    }

    @Test
    void aKernelWithoutDamonSaysSo() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        write(run, "status.txt", "available=0\nreason=no /sys/kernel/mm/damon/admin (DAMON_SYSFS not built)\nkernel=6.1.0-50-amd64\n");
        write(run, "params.txt", PARAMS);
        RenderResult r = RenderPipeline.render(run);
        OracleResult o = oracle(r);
        // neither a pass nor a failure: the run's verdict stands on the other oracles
        assertEquals(OracleResult.Status.NOT_APPLICABLE, o.status());
        assertEquals("not available on this kernel (6.1.0-50-amd64): no /sys/kernel/mm/damon/admin (DAMON_SYSFS not"
                + " built)", o.detail());
        assertTrue(r.allPassed(), r.oracles().toString());
        // JUnit: a test case with <skipped message=...>, counted as skipped, not as a failure
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(run.resolve("junit.xml").toFile())
                .getDocumentElement();
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals("0", suite.getAttribute("failures"));
        NodeList cases = suite.getElementsByTagName("testcase");
        Element damon = null;
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            if (tc.getAttribute("name").equals(DamonWitness.NAME)) {
                damon = tc;
            }
        }
        assertTrue(damon != null, "a test case for the DAMON witness");
        NodeList skipped = damon.getElementsByTagName("skipped");
        assertEquals(1, skipped.getLength());
        assertEquals(o.detail(), ((Element) skipped.item(0)).getAttribute("message"));
        assertEquals(0, damon.getElementsByTagName("failure").getLength());
        // the report's oracle table says n/a
        assertTrue(Files.readAllLines(run.resolve("report.md")).contains("| " + DamonWitness.NAME + " | n/a | "
                + o.detail() + " |"));
    }

    @Test
    void damonsRegionsAreJudgedAndDrawn() throws Exception {
        Path run = TestRuns.copy(tmp.resolve("run"));
        long base = 0x7f0000000000L;
        write(run, "status.txt", "available=1\nkernel=6.12.117+deb13-amd64\npid=900\ndamon_stat_before=absent\n");
        write(run, "params.txt", PARAMS);
        write(run, "memalloc.out", "chunk 0x" + Long.toHexString(base) + " 16777216\naccess pid=900 base=0x"
                + Long.toHexString(base) + " size=16777216 hot=4194304 warm_start=4194304 warm_end=8388608\n"
                + "access_done pid=900 completed=1 scan_stop_errno=0 elapsed_ms=2000 hot_passes=400 warm_passes=90"
                + " warm_late=80 hot_pages=1024 warm_pages=1024\n");
        StringBuilder t = new StringBuilder("# tracer: nop\n");
        for (int i = 0; i < 20; i++) {
            String ts = String.format("%d.%06d", 100 + i / 10, (i % 10) * 100000);
            long[][] r = {{base, base + (4L << 20), 5}, {base + (4L << 20), base + (8L << 20) + 4096, i % 3 == 0 ? 0 : 2},
                {base + (8L << 20) + 4096, base + (16L << 20), 0}};
            for (long[] x : r) {
                t.append("   kdamond.0-901 [000] ..... ").append(ts).append(": damon_aggregated: target_id=0 nr_regions=3 ")
                        .append(Long.toUnsignedString(x[0])).append('-').append(Long.toUnsignedString(x[1])).append(": ")
                        .append(x[2]).append(" 1\n");
            }
        }
        write(run, "damon_aggregated.txt", t.toString());
        RenderResult r = RenderPipeline.render(run);
        OracleResult o = oracle(r);
        assertTrue(o.passed(), o.detail());
        assertTrue(o.detail().contains("warm in 65.0% (reported, not judged: TCG, and the workload did not flush"), o.detail());
        assertTrue(o.detail().contains("an accessed region wholly in cold in 0 (needs 0; 0 more straddled"), o.detail());
        String cap = Files.readString(run.resolve("figures/First-Last-DAMON-Regions.caption.txt"), StandardCharsets.UTF_8);
        assertTrue(cap.contains("at most 20 sampled accesses per aggregation"), cap);
        assertTrue(cap.contains("400 hot passes"), cap);
        assertTrue(Files.isRegularFile(run.resolve("datasets/damon-regions.csv")));

        // cold seen accessed once: the oracle fails and says so
        write(run, "damon_aggregated.txt", t.toString().replaceFirst("(" + Long.toUnsignedString(base + (16L << 20)) + "): 0 1",
                "$1: 1 1"));
        OracleResult bad = oracle(RenderPipeline.render(run));
        assertFalse(bad.passed());
        assertTrue(bad.detail().contains("an accessed region wholly in cold in 1 (needs 0"), bad.detail());
    }

    /** Captured in the part2 run of this change: the first 40 aggregations of DAMON on trixie 6.12 and sid 7.2 (TCG). */
    private static Path captured(Path run, String kernel) throws Exception {
        Path src = Path.of(DamonSectionTest.class.getResource("/fixtures/damon/" + kernel).toURI());
        for (String f : new String[] {"status.txt", "params.txt", "memalloc.out", "damon_aggregated.txt"}) {
            write(run, f, Files.readString(src.resolve(f), StandardCharsets.UTF_8));
        }
        return run;
    }

    @Test
    void capturedDamonOutputOfBothKernels() throws Exception {
        // trixie: DAMON sees hot, and warm as idle, so the accessed part ends at hot_end
        Path t = captured(TestRuns.copy(tmp.resolve("t")), "trixie");
        OracleResult tr = oracle(RenderPipeline.render(t));
        assertTrue(tr.passed(), tr.detail());
        assertTrue(tr.detail().startsWith("40 aggregations covered the buffer"), tr.detail());
        assertTrue(tr.detail().contains("warm in 2.5% (reported, not judged"), tr.detail());
        // sid: warm seen too; in the first second warm's region reaches past warm_end while DAMON splits toward it
        Path s = captured(TestRuns.copy(tmp.resolve("s")), "sid");
        OracleResult sd = oracle(RenderPipeline.render(s));
        assertTrue(sd.passed(), sd.detail());
        assertTrue(sd.detail().contains("wholly in cold in 0 (needs 0; 11 more straddled warm_end or the buffer's end"), sd.detail());
        String cap = Files.readString(s.resolve("figures/First-Last-DAMON-Regions.caption.txt"), StandardCharsets.UTF_8);
        assertTrue(cap.contains("this run's workload did not flush its own TLB"), cap);
    }
}
