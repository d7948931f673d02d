package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class DamonTraceParserTest {
    @TempDir
    Path tmp;

    private static final String HEAD = "# tracer: nop\n#\n#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n";

    @Test
    void groupsTheRegionsOfEachAggregation() {
        Path f = Files2.write(tmp, "t.txt", HEAD
                + "      kdamond.0-1234    [001] .....   100.100000: damon_aggregated: target_id=0 nr_regions=2 4096-8192: 3 1",
                "      kdamond.0-1234    [001] .....   100.100001: damon_aggregated: target_id=0 nr_regions=2 8192-16384: 0 5",
                "      kdamond.0-1234    [001] .....   100.200000: damon_aggregated: target_id=0 nr_regions=1"
                        + " 140737488351232-140737488355328: 20 0");
        List<DamonTraceParser.Aggregation> a = DamonTraceParser.parse(f);
        assertEquals(2, a.size());
        assertEquals(2, a.get(0).regions().size());
        assertEquals(100.1, a.get(0).tS(), 1e-9);
        assertEquals(new DamonTraceParser.Region(8192, 16384, 0, 5), a.get(0).regions().get(1));
        assertEquals(140737488355328L, a.get(1).regions().get(0).end());
        assertEquals(20, a.get(1).regions().get(0).nrAccesses());
        assertEquals(6, a.get(1).line());
    }

    @Test
    void aCutAggregationIsNamedWithItsLine() {
        Path cut = Files2.write(tmp, "c.txt",
                " k-1 [000] ..... 1.000000: damon_aggregated: target_id=0 nr_regions=3 4096-8192: 3 1",
                " k-1 [000] ..... 1.000001: damon_aggregated: target_id=0 nr_regions=3 8192-12288: 3 1");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> DamonTraceParser.parse(cut));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("2 of its 3 regions"), e.getMessage());
        Path restart = Files2.write(tmp, "r.txt",
                " k-1 [000] ..... 1.000000: damon_aggregated: target_id=0 nr_regions=2 4096-8192: 3 1",
                " k-1 [000] ..... 1.100000: damon_aggregated: target_id=0 nr_regions=2 4096-8192: 3 1");
        assertEquals(2, assertThrows(SourceLocatedException.class, () -> DamonTraceParser.parse(restart)).line());
        Path bad = Files2.write(tmp, "b.txt", " k-1 [000] ..... 1.000000: damon_aggregated: target_id=0 nr_regions=2 4096-x: 3 1");
        assertEquals("damon_aggregated", assertThrows(SourceLocatedException.class, () -> DamonTraceParser.parse(bad)).field());
        Path empty = Files2.write(tmp, "e.txt", " k-1 [000] ..... 1.000000: damon_aggregated: target_id=0 nr_regions=1 8192-4096: 3 1");
        assertEquals("damon_aggregated.end", assertThrows(SourceLocatedException.class, () -> DamonTraceParser.parse(empty)).field());
    }
}
