package io.flowlb.flowswitch.engine;

/**
 * The first two steps every backing-off idle strategy shares: spin a few times (work usually
 * comes back within microseconds), then yield a few times, then tell the caller to sleep.
 *
 * <p>Thread safety: owned by the idle strategy's thread.
 */
final class SpinYieldPhase {
    private final int maxSpins;
    private final int maxYields;
    private final Runnable yielder;
    private int spins;
    private int yields;

    SpinYieldPhase(int maxSpins, int maxYields, Runnable yielder) {
        if (maxSpins < 0 || maxYields < 0) {
            throw new IllegalArgumentException("spins and yields must be >= 0, not " + maxSpins + ", " + maxYields);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.yielder = yielder;
    }

    /** Spins or yields once and returns true, or returns false when both phases are used up. */
    boolean step() {
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
            return true;
        }
        if (yields < maxYields) {
            yields++;
            yielder.run();
            return true;
        }
        return false;
    }

    void reset() {
        spins = 0;
        yields = 0;
    }
}
