package io.flowlb.bench.http;

import java.util.Arrays;

/**
 * Latencies in nanoseconds counted in fixed log-linear buckets: values below {@value #SUB} ns
 * are exact, and every power of two above is split into {@value #SUB} equal buckets, so a
 * percentile is reported within 1/{@value #SUB} (0.8%) of the true value, from 0 to about
 * 18 minutes, in a few thousand counters allocated once.
 *
 * <p>Percentiles are the highest value of the bucket that holds the rank (never an optimistic
 * figure). Values beyond the range are counted in the last bucket and keep the exact maximum.
 *
 * <p>Thread safety: none; one thread records and reads.
 */
public final class LatencyHistogram {

    static final int SUB_BITS = 7;
    static final int SUB = 1 << SUB_BITS;
    /** Largest value with its own bucket: 2^40 ns, about 18 minutes. */
    static final int MAX_BITS = 40;

    private final long[] counts = new long[SUB + (MAX_BITS - SUB_BITS) * SUB];
    private long total;
    private long max;
    private long min = Long.MAX_VALUE;
    private long sumMicros;

    /** Counts one latency (negative values count as 0). */
    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        max = Math.max(max, v);
        min = Math.min(min, v);
        sumMicros += v / 1000;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        if (exp >= MAX_BITS) {
            return SUB + (MAX_BITS - SUB_BITS) * SUB - 1;
        }
        int shift = exp - SUB_BITS;
        return SUB + shift * SUB + (int) (v >>> shift) - SUB;
    }

    /** The highest value that falls in bucket {@code i}. */
    static long highest(int i) {
        if (i < SUB) {
            return i;
        }
        int exp = (i - SUB) / SUB + SUB_BITS;
        int sub = (i - SUB) % SUB;
        int shift = exp - SUB_BITS;
        return ((long) (SUB + sub + 1) << shift) - 1;
    }

    public long count() {
        return total;
    }

    public long max() {
        return total == 0 ? 0 : max;
    }

    public long min() {
        return total == 0 ? 0 : min;
    }

    public double meanNanos() {
        return total == 0 ? 0 : sumMicros * 1000.0 / total;
    }

    /**
     * The latency at or below which {@code percentile} percent of the values fall (0 when empty),
     * never above the largest value recorded.
     */
    public long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == counts.length - 1 ? max : Math.min(highest(i), max);
            }
        }
        return max;
    }

    /** Forgets every value (the end of a warm-up). */
    public void reset() {
        Arrays.fill(counts, 0);
        total = 0;
        max = 0;
        min = Long.MAX_VALUE;
        sumMicros = 0;
    }
}
