package ptlab.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The estimator on data whose answers are known by hand. */
class EstimateTest {
    @Test
    void threeValuesGiveTheirMedianAndTheWholeRangeAsInterval() {
        // a resampled median of {1, 2, 3} is 1 with probability 7/27 and 3 with 7/27: both ends are inside 95%
        assertEquals(new Estimate(3, 2, 1, 3), Estimate.of(3, 1, 2));
    }

    @Test
    void theIntervalOfManyValuesIsNarrowerThanTheirRangeAndHoldsTheMedian() {
        double[] v = new double[41];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + i;
        }
        Estimate e = Estimate.of(v);
        assertEquals(120, e.median());
        assertTrue(e.low() > 100 && e.low() < 120 && e.high() > 120 && e.high() < 140, e.toString());
        // the values' sd is 11.8, so the median's standard error is near 1.25 * 11.8 / sqrt(41) = 2.3: about 9 wide
        assertTrue(e.high() - e.low() < 16, e.toString());
    }

    @Test
    void oneValueIsItsOwnIntervalAndNoneIsNotANumber() {
        assertEquals(new Estimate(1, 7, 7, 7), Estimate.of(7));
        Estimate none = Estimate.of();
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.median()) && Double.isNaN(none.low()) && Double.isNaN(none.high()));
    }

    @Test
    void aDoubledGroupHasRatioTwoAnIntervalExcludingOneAndCliffsDeltaOne() {
        Ratio r = Ratio.of(new double[] {10, 11, 12, 13, 14}, new double[] {20, 22, 24, 26, 28});
        assertEquals(2.0, r.value());
        assertEquals(1.0, r.cliffsDelta());
        assertTrue(r.excludesOne());
        assertTrue(r.low() >= 20.0 / 14 && r.low() < 2 && r.high() > 2 && r.high() <= 28.0 / 10, r.toString());
    }

    @Test
    void cliffsDeltaCountsPairsAndTiesHalf() {
        // current {2,3,4} over baseline {1,2,3}: 6 pairs larger, 1 smaller, 2 ties -> (6 - 1) / 9
        Ratio r = Ratio.of(new double[] {1, 2, 3}, new double[] {2, 3, 4});
        assertEquals(5.0 / 9, r.cliffsDelta(), 1e-12);
        assertEquals(-5.0 / 9, Ratio.of(new double[] {2, 3, 4}, new double[] {1, 2, 3}).cliffsDelta(), 1e-12);
        assertEquals(1.5, r.value());
    }

    @Test
    void overlappingGroupsDoNotExcludeOne() {
        Ratio r = Ratio.of(new double[] {10, 12, 9, 11, 13}, new double[] {11, 9, 12, 10, 13});
        assertFalse(r.excludesOne(), r.toString());
        assertTrue(r.low() < 1 && r.high() > 1, r.toString());
    }

    @Test
    void oneRepetitionOnEitherSideIsNeverEvidenceOfAChange() {
        Ratio one = Ratio.of(new double[] {10}, new double[] {100, 101, 102});
        assertEquals(new Ratio(10.1, 10.1, 10.1, 1.0, false), one);
        assertFalse(Ratio.of(new double[] {10, 11, 12}, new double[] {100}).excludesOne());
        assertFalse(Ratio.of(new double[] {}, new double[] {1}).excludesOne());
    }

    @Test
    void zeroMediansDivideAsNoChangeOrInfinity() {
        assertEquals(1, Ratio.of(new double[] {0, 0}, new double[] {0, 0}).value());
        assertEquals(Double.POSITIVE_INFINITY, Ratio.of(new double[] {0, 0}, new double[] {0.5, 0.5}).value());
    }

    @Test
    void theSameValuesAlwaysGiveTheSameInterval() {
        double[] b = {3.1, 2.9, 3.4, 3.0, 2.7, 3.3};
        double[] c = {3.6, 3.2, 3.9, 3.5, 3.1, 3.8};
        Ratio first = Ratio.of(b, c);
        Estimate.of(1, 5, 9, 2);
        assertEquals(first, Ratio.of(b, c));
        assertEquals(Estimate.of(c), Estimate.of(c.clone()));
    }
}
