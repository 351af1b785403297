package io.flowlb.flowswitch.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Spins, then yields, then parks for a time that doubles from {@code minParkNanos} up to
 * {@code maxParkNanos}: fast to react right after traffic, cheap when the switch is idle for
 * long (a parked thread costs one wake-up per {@code maxParkNanos}).
 *
 * <p>Thread safety: owned by one thread.
 */
public final class BackoffIdleStrategy implements IdleStrategy {
    public static final int DEFAULT_SPINS = 100;
    public static final int DEFAULT_YIELDS = 10;
    public static final long DEFAULT_MIN_PARK_NANOS = 1_000;
    public static final long DEFAULT_MAX_PARK_NANOS = 1_000_000;

    private final SpinYieldPhase phase;
    private final long minParkNanos;
    private final long maxParkNanos;
    private final LongConsumer parker;
    private long parkNanos;

    public BackoffIdleStrategy() {
        this(DEFAULT_SPINS, DEFAULT_YIELDS, DEFAULT_MIN_PARK_NANOS, DEFAULT_MAX_PARK_NANOS);
    }

    public BackoffIdleStrategy(int maxSpins, int maxYields, long minParkNanos, long maxParkNanos) {
        this(maxSpins, maxYields, minParkNanos, maxParkNanos, LockSupport::parkNanos, Thread::yield);
    }

    /** With the park and yield steps replaced, for tests that follow the progression. */
    BackoffIdleStrategy(int maxSpins, int maxYields, long minParkNanos, long maxParkNanos,
            LongConsumer parker, Runnable yielder) {
        if (minParkNanos < 1 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("bad backoff park times: " + minParkNanos + ".." + maxParkNanos + " ns");
        }
        this.phase = new SpinYieldPhase(maxSpins, maxYields, yielder);
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.parker = parker;
        this.parkNanos = minParkNanos;
    }

    @Override
    public void idle() {
        if (!phase.step()) {
            parker.accept(parkNanos);
            parkNanos = Math.min(parkNanos << 1, maxParkNanos);
        }
    }

    @Override
    public void reset() {
        phase.reset();
        parkNanos = minParkNanos;
    }
}
