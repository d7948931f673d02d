package ptlab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.analysis.Cdf;

class LatencyCdfFigureTest {
    @Test
    void pointsAreCountedOneByOnePastTheAxis() {
        Cdf batches = Cdf.points("b", new long[] {50, 70, 90_000}, 1);
        assertEquals(50.0, Cdf.points("one", new long[] {70}, 1).yPercent()[0], 1e-9, "one batch at mid-rank 50");
        assertNull(LatencyCdfFigure.beyond(List.of(CdfSeries.points(batches, 0)), 100));
        assertEquals("1 sample(s) beyond the axis, the slowest 90.0 µs",
                LatencyCdfFigure.beyond(List.of(CdfSeries.points(batches, 0)), 10));
    }
}
