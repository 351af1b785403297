package io.flowlb.flowswitch.engine;

/** {@link System#nanoTime()}. Thread safety: stateless. */
public final class SystemNanoClock implements NanoClock {
    public static final SystemNanoClock INSTANCE = new SystemNanoClock();

    private SystemNanoClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
