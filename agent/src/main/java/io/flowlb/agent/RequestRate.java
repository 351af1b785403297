package io.flowlb.agent;

/**
 * Requests per second from a growing request counter: the growth between two polls divided by
 * the time between them. The first poll and a counter that went back (service restarted) give
 * no rate; the next poll measures from the new value.
 *
 * <p>Thread-safety: confined to the reporter thread.
 */
final class RequestRate {

    private static final double NANOS_PER_SECOND = 1e9;

    private double previousTotal = Double.NaN;
    private long previousNanos;

    /** The rate since the previous counter value, or NaN; {@code total} NaN leaves the state as is. */
    double update(double total, long nowNanos) {
        if (Double.isNaN(total)) {
            return Double.NaN;
        }
        double rate = Double.NaN;
        long elapsed = nowNanos - previousNanos;
        if (!Double.isNaN(previousTotal) && total >= previousTotal && elapsed > 0) {
            rate = (total - previousTotal) * NANOS_PER_SECOND / elapsed;
        }
        previousTotal = total;
        previousNanos = nowNanos;
        return rate;
    }
}
