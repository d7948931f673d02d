package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.parse.AccessParams;
import ptlab.parse.HeatLog;
import ptlab.parse.HeatParser;
import ptlab.parse.KmsgParser;

class HeatmapTest {
    @TempDir
    Path tmp;

    /** 8 MiB buffer (2048 pages): hot [0,2M), warm [2M,4M), cold [4M,8M). */
    private static final AccessParams PARAMS = new AccessParams(8 << 20, 2 << 20, 2 << 20, 4 << 20, 3, 100, 1000, "never");

    private HeatLog log(String... heat) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < heat.length; i++) {
            lines.add("6," + i + ",0,-;lkp25p3: " + heat[i]);
        }
        Path f = tmp.resolve("kmsg.txt");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return HeatParser.parse(KmsgParser.parse(f));
    }

    @Test
    void buildsRowsRegionsAndPassesTheOracle() throws Exception {
        HeatLog h = log(
                "heat seq=1 t_ms=1000 addr=0x1000 pages=2048 part=1/1 first=0 rle=8*512,6*512,0*1024",
                "heat_done seq=1 scans=10 scan_ns_avg=1000 scan_ns_max=2000 present=2048 thp=0 young=1024",
                "heat seq=2 t_ms=2000 addr=0x1000 pages=2048 part=1/2 first=0 rle=10*512,6*512",
                "heat seq=2 t_ms=2000 addr=0x1000 pages=2048 part=2/2 first=1024 rle=0*1023,2",
                "heat seq=3 t_ms=3000 addr=0x1000 pages=2048 part=1/2 first=0 rle=10*1024");
        Heatmap m = HeatmapBuilder.build(h, PARAMS);
        assertEquals(2, m.complete());
        assertEquals(1, m.incomplete());
        assertEquals(2, m.rowPages());
        assertEquals(1024, m.rows());
        assertEquals(9.0, m.regions().hot(), 1e-9);
        assertEquals(6.0, m.regions().warm(), 1e-9);
        assertEquals(2.0 / 1024 / 2, m.regions().cold(), 1e-9);
        assertEquals(10.0, m.maxFreq(), 1e-6);
        assertEquals(List.of(new Heatmap.Range(0, 4 << 20, 7.5)), m.active());
        assertEquals(1000.0, m.scanNsAvg());
        assertEquals(3, m.expected());
        OracleResult r = HeatOracle.check(m, PARAMS);
        assertTrue(r.passed(), r.detail());
        assertTrue(r.detail().startsWith("hot [0, 2 MiB) 9.00/s, warm [2 MiB, 4 MiB) 6.00/s, cold [4 MiB, 8 MiB) 0.00098/s"), r.detail());
        assertTrue(r.detail().contains("2 complete report(s), 1 incomplete, 3 expected"), r.detail());
    }

    @Test
    void failsWhenColdIsAsHotAsHot() throws Exception {
        Heatmap m = HeatmapBuilder.build(log("heat seq=1 t_ms=1000 addr=0x1000 pages=2048 part=1/1 first=0 rle=5*2048"), PARAMS);
        assertFalse(HeatOracle.check(m, PARAMS).passed());
        Heatmap none = HeatmapBuilder.build(log("heat seq=1 t_ms=1000 addr=0x1000 pages=2048 part=1/2 first=0 rle=5*1024"), PARAMS);
        OracleResult r = HeatOracle.check(none, PARAMS);
        assertFalse(r.passed());
        assertTrue(r.detail().endsWith("no complete report"));
    }

    @Test
    void rowsAreOneMibForAGibibyte() {
        assertEquals(256, HeatmapBuilder.rowPages(262_144));
        assertEquals(1, HeatmapBuilder.rowPages(1000));
    }
}
