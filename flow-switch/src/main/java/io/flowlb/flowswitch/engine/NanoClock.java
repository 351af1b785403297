package io.flowlb.flowswitch.engine;

/**
 * A monotonic clock in nanoseconds. Agents take it from their constructor so tests drive time
 * by hand ({@link ManualNanoClock}). Implementations may be read from any thread.
 */
@FunctionalInterface
public interface NanoClock {

    long nanoTime();
}
