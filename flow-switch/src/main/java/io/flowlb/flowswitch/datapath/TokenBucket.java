package io.flowlb.flowswitch.datapath;

/**
 * A token bucket on the caller's clock: at most {@code rate} events per second on average with
 * bursts of {@code burst}. It guards the packet-in path so a flood of table misses costs the
 * poller a counter increment per frame, not a copy and a wake-up.
 *
 * <p>Thread safety: owned by one thread.
 */
final class TokenBucket {
    private final long nanosPerToken;
    private final long capacityNanos;
    /** The time at which the bucket would be empty: tokens = (now - emptyAt) / nanosPerToken. */
    private long emptyAt = Long.MIN_VALUE / 2;

    TokenBucket(int ratePerSecond, int burst) {
        this.nanosPerToken = 1_000_000_000L / Math.max(1, ratePerSecond);
        this.capacityNanos = nanosPerToken * Math.max(1, burst);
    }

    /** Takes one token at {@code now}; false when the bucket is empty. */
    boolean tryTake(long now) {
        long start = Math.max(emptyAt, now - capacityNanos);
        if (now - start < nanosPerToken) {
            return false;
        }
        emptyAt = start + nanosPerToken;
        return true;
    }
}
