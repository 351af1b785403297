package io.flowlb.bench.http;

/**
 * When each request is due: request {@code i} (from 0) at {@code start + i / rate}, for as many
 * requests as fit in the run. The schedule never looks at what the server does, which is what
 * makes the load open-loop.
 *
 * <p>Thread safety: immutable.
 */
public final class RateSchedule {

    private final long startNanos;
    private final double periodNanos;
    private final long requests;

    /**
     * @param startNanos when request 0 is due ({@link System#nanoTime()} scale)
     * @param rate requests per second, more than 0
     * @param seconds length of the run; {@code floor(rate * seconds)} requests are due in it
     */
    public RateSchedule(long startNanos, double rate, double seconds) {
        if (!(rate > 0) || !(seconds > 0)) {
            throw new IllegalArgumentException("rate and seconds must be positive: " + rate + ", " + seconds);
        }
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / rate;
        this.requests = (long) Math.floor(rate * seconds);
    }

    /** How many requests the run holds. */
    public long requests() {
        return requests;
    }

    /** When request {@code i} is due. */
    public long intendedNanos(long i) {
        return startNanos + (long) (i * periodNanos);
    }

    /** How many requests are due at {@code nowNanos} (never more than {@link #requests()}). */
    public long dueAt(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long n = (long) ((nowNanos - startNanos) / periodNanos) + 1;
        // Rounding in the division may be one off the exact intended times: settle on them.
        while (n > 0 && intendedNanos(n - 1) > nowNanos) {
            n--;
        }
        while (n < requests && intendedNanos(n) <= nowNanos) {
            n++;
        }
        return Math.min(n, requests);
    }

    /** When request {@code index} is due, or -1 when the run holds no such request. */
    public long nextDueNanos(long index) {
        return index < requests ? intendedNanos(index) : -1;
    }

    public long startNanos() {
        return startNanos;
    }
}
