package io.flowlb.flowswitch.engine;

/**
 * A clock that moves only when a test moves it. Thread safety: volatile; one thread advances it.
 */
public final class ManualNanoClock implements NanoClock {
    private volatile long now;

    public ManualNanoClock() {
        this(0);
    }

    public ManualNanoClock(long start) {
        this.now = start;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    public void advance(long nanos) {
        now = now + nanos;
    }

    public void advanceMillis(long millis) {
        advance(millis * 1_000_000L);
    }
}
