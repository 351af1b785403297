package io.flowlb.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void reportsPercentilesWithinOnePercentOfTheTrueValue() {
        LatencyHistogram h = new LatencyHistogram();
        for (long us = 1; us <= 10_000; us++) { // 1 us .. 10 ms, uniformly
            h.record(us * 1000);
        }
        assertEquals(10_000, h.count());
        for (double p : new double[] {50, 90, 99, 99.9}) {
            double exact = p / 100 * 10_000 * 1000;
            long got = h.percentile(p);
            assertTrue(got >= exact && got <= exact * 1.01, p + "th percentile " + got + " vs " + exact);
        }
        assertEquals(10_000_000, h.max());
        assertEquals(10_000_000, h.percentile(100));
    }

    @Test
    void aFewSlowRequestsShowInTheTailNotTheMedian() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 990; i++) {
            h.record(200_000); // 0.2 ms
        }
        for (int i = 0; i < 10; i++) {
            h.record(50_000_000); // 50 ms
        }
        assertTrue(h.percentile(50) < 202_000);
        assertTrue(h.percentile(99) < 202_000, "990 of 1000 are fast: p99 is still fast");
        assertTrue(h.percentile(99.9) >= 50_000_000 && h.percentile(99.9) < 50_500_000);
    }

    @Test
    void countsSmallValuesExactlyAndHugeOnesInTheLastBucket() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(3);
        h.record(Long.MAX_VALUE);
        assertEquals(0, h.percentile(1));
        assertEquals(3, h.percentile(50));
        assertEquals(Long.MAX_VALUE, h.percentile(100));
        assertEquals(0, h.min());
    }

    @Test
    void bucketsCoverEveryValueInOrderWithoutGaps() {
        long previousHighest = -1;
        for (int i = 0; i < LatencyHistogram.SUB + (LatencyHistogram.MAX_BITS - LatencyHistogram.SUB_BITS)
                * LatencyHistogram.SUB; i++) {
            long lowest = previousHighest + 1;
            assertEquals(i, LatencyHistogram.index(lowest), "lowest value of bucket " + i);
            assertEquals(i, LatencyHistogram.index(LatencyHistogram.highest(i)), "highest value of bucket " + i);
            assertTrue(LatencyHistogram.highest(i) - lowest <= Math.max(0, lowest / LatencyHistogram.SUB));
            previousHighest = LatencyHistogram.highest(i);
        }
    }

    @Test
    void resetForgetsTheWarmUp() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000_000_000);
        h.reset();
        h.record(1000);
        assertEquals(1, h.count());
        assertEquals(1000, h.max());
        assertEquals(1000, h.percentile(99));
    }
}
