package io.flowlb.flowswitch.engine;

/**
 * Never gives the core away: lowest latency, one core burnt per thread even when idle. For
 * machines with cores to spare and for benchmarks. Thread safety: stateless.
 */
public final class BusySpinIdleStrategy implements IdleStrategy {

    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {
    }
}
