package ptlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.parse.AccessParams;
import ptlab.parse.DamonTraceParser.Aggregation;
import ptlab.parse.DamonTraceParser.Region;

class DamonWitnessTest {
    static final long MIB = 1L << 20;
    static final long B = 0x7f0000000000L;
    static final AccessParams P = new AccessParams(16 * MIB, 4 * MIB, 4 * MIB, 8 * MIB, 2, 100, 100, "never");

    /** n aggregations; warm is accessed in every other one; the cold region reads {@code coldAccesses}. */
    static List<Aggregation> aggs(int n, int coldAccesses, long warmEdgeOffset) {
        List<Aggregation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Aggregation(i + 1, 50 + 0.1 * i, 0, List.of(
                    new Region(0x400000, 0x500000, 4, 9),	// the program's own mapping, outside the buffer
                    new Region(B - MIB, B + 4 * MIB, 5, 1),
                    new Region(B + 4 * MIB, B + warmEdgeOffset, i % 2 == 0 ? 3 : 0, 1),
                    new Region(B + warmEdgeOffset, B + 16 * MIB, coldAccesses, 7))));
        }
        return out;
    }

    /** The same aggregations without the program's own mapping and with {@code warm} as the middle region. */
    static List<Aggregation> withWarm(List<Aggregation> in, Region warm) {
        List<Aggregation> out = new ArrayList<>();
        for (Aggregation a : in) {
            out.add(new Aggregation(a.line(), a.tS(), 0, List.of(a.regions().get(1), warm, a.regions().get(3))));
        }
        return out;
    }

    @Test
    void edgesColdAndSharesAreJudged() {
        DamonWitness w = DamonWitness.judge(aggs(20, 0, 8 * MIB + MIB / 4), B, P, 100000, 5000, false, 0);
        assertEquals(20, w.aggregations());
        assertEquals(20, w.hotSeen());
        assertEquals(10, w.warmSeen());
        assertEquals(0, w.coldSeen());
        assertEquals(20, w.edgeFound(), "the accessed part ends at warm_end, or at hot_end when warm reads 0");
        assertEquals(20, w.warmEndEdge());
        assertEquals(20, w.hotEndEdge());
        assertEquals(20, w.maxAccesses());
        assertTrue(w.oracle().passed(), w.oracle().detail());
        assertTrue(w.oracle().detail().contains("warm in 50.0%"), w.oracle().detail());
        // the map: one column per aggregation, the rows of hot read 5
        assertEquals(20, w.map().timesS().length);
        assertEquals(5f, w.map().freq()[0][0]);
        assertEquals(0.1, w.map().columnWidthS(), 1e-9);
    }

    @Test
    void anAccessedColdOrAMissingEdgeFails() {
        DamonWitness cold = DamonWitness.judge(aggs(20, 1, 8 * MIB), B, P, 100000, 5000, false, 0);
        assertEquals(20, cold.coldSeen());
        assertFalse(cold.oracle().passed());
        // warm's region reaching 2 MiB into cold: a straddle, not cold seen; but the accessed part ends far from
        // any edge in the aggregations where warm reads accessed, which is half of them
        DamonWitness far = DamonWitness.judge(aggs(20, 0, 10 * MIB), B, P, 100000, 5000, false, 0);
        assertEquals(0, far.coldSeen());
        assertEquals(10, far.straddling());
        assertEquals(0, far.warmEndEdge());
        assertEquals(10, far.edgeFound());
        assertTrue(far.oracle().passed(), "50% meets the edge share: " + far.oracle().detail());
        List<Aggregation> allWarm = withWarm(aggs(20, 0, 10 * MIB), new Region(B + 4 * MIB, B + 10 * MIB, 3, 1));
        DamonWitness noEdge = DamonWitness.judge(allWarm, B, P, 100000, 5000, false, 0);
        assertEquals(0, noEdge.edgeFound());
        assertFalse(noEdge.oracle().passed(), noEdge.oracle().detail());
        DamonWitness few = DamonWitness.judge(aggs(5, 0, 8 * MIB), B, P, 100000, 5000, false, 0);
        assertFalse(few.oracle().passed());
        assertTrue(few.oracle().detail().contains("fewer than 10 aggregations"), few.oracle().detail());
    }

    @Test
    void warmIsJudgedOnlyOutsideEmulation() {
        List<Aggregation> idleWarm = withWarm(aggs(20, 0, 8 * MIB), new Region(B + 4 * MIB, B + 8 * MIB, 0, 1));
        DamonWitness kvm = DamonWitness.judge(idleWarm, B, P, 100000, 5000, false, 0);
        assertEquals(0, kvm.warmSeen());
        assertEquals(20, kvm.edgeFound(), "the accessed part ends at hot_end");
        assertFalse(kvm.oracle().passed());
        DamonWitness tcg = DamonWitness.judge(idleWarm, B, P, 100000, 5000, true, 0);
        assertTrue(tcg.oracle().passed(), tcg.oracle().detail());
        assertTrue(tcg.oracle().detail().contains("warm in 0.0% (reported, not judged: TCG, and the workload did not"
                + " flush its TLB"), tcg.oracle().detail());
        // a workload that flushed its TLB lets DAMON see warm under TCG too: judged
        DamonWitness flushed = DamonWitness.judge(idleWarm, B, P, 100000, 5000, true, 2);
        assertFalse(flushed.oracle().passed(), flushed.oracle().detail());
        assertTrue(flushed.oracle().detail().contains("warm in 0.0% (needs >= 10.0%)"), flushed.oracle().detail());
    }

    @Test
    void aRegionReachingPastTheBufferIsNoAccessToCold() {
        // the last region also covers what is mapped after the buffer, which the program reads
        List<Aggregation> beyond = withWarm(aggs(20, 2, 8 * MIB), new Region(B + 4 * MIB, B + 8 * MIB, 3, 1)).stream()
                .map(a -> new Aggregation(a.line(), a.tS(), 0, List.of(a.regions().get(0), a.regions().get(1),
                        new Region(B + 8 * MIB, B + 12 * MIB, 0, 7), new Region(B + 15 * MIB, B + 18 * MIB, 2, 1))))
                .toList();
        DamonWitness w = DamonWitness.judge(beyond, B, P, 100000, 5000, false, 0);
        assertEquals(0, w.coldSeen());
        assertEquals(20, w.straddling());
        assertTrue(w.oracle().detail().contains("20 more straddled warm_end or the buffer's end"), w.oracle().detail());
        // the same region ending inside the buffer is an access to cold
        List<Aggregation> inside = beyond.stream().map(a -> new Aggregation(a.line(), a.tS(), 0, List.of(
                a.regions().get(0), a.regions().get(1), a.regions().get(2), new Region(B + 15 * MIB, B + 16 * MIB, 2, 1))))
                .toList();
        assertEquals(20, DamonWitness.judge(inside, B, P, 100000, 5000, false, 0).coldSeen());
    }

    @Test
    void aLateAggregationIsDrawnOverTheTimeItCovered() {
        // kdamond falls behind: aggregations 260 ms apart with a 100 ms interval
        List<Aggregation> late = new ArrayList<>();
        for (Aggregation a : aggs(4, 0, 8 * MIB)) {
            late.add(new Aggregation(a.line(), 50 + 0.26 * (a.line() - 1), 0, a.regions()));
        }
        DamonWitness w = DamonWitness.judge(late, B, P, 100000, 5000, false, 0);
        assertEquals(4, w.aggregations(), "filling the gaps adds columns to the map, not aggregations");
        assertEquals(0.26, w.meanIntervalS(), 1e-9);
        double[] t = w.map().timesS();
        // ends at 0.1, 0.36, 0.62, 0.88 s: slots 0, 3, 5 and 8 of 100 ms, and slots 1-2, 4, 6-7 filled
        assertEquals(9, t.length, java.util.Arrays.toString(t));
        for (int i = 0; i < t.length; i++) {
            assertEquals(i, Math.round(t[i] / 0.1) - 1, "one column per slot, none skipped: " + java.util.Arrays.toString(t));
        }
        // a filled slot shows the later aggregation: warm reads 0 in the second, 3 in the third
        int warmRow = (int) (6 * MIB / 4096 / w.map().rowPages());
        assertEquals(0f, w.map().freq()[1][warmRow]);
        assertEquals(3f, w.map().freq()[4][warmRow]);
        assertEquals(0, DamonWitness.judge(aggs(1, 0, 8 * MIB), B, P, 100000, 5000, false, 0).meanIntervalS());
    }
}
