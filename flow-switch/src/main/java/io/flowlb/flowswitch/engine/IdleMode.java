package io.flowlb.flowswitch.engine;

/** How poller threads idle (the {@code --idle} choice). */
public enum IdleMode {
    /** Burn the core: lowest latency. */
    SPIN,
    /** Spin, yield, then park up to 1 ms: low latency, low but non-zero idle CPU. */
    BACKOFF,
    /** Spin, yield, then block in {@code poll(2)} on the receive sockets: ~0% CPU when idle. The default. */
    POLL;

    /** A new strategy for one thread that waits on {@code fds}. */
    public IdleStrategy create(FdSource fds) {
        return switch (this) {
            case SPIN -> new BusySpinIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy();
            case POLL -> new PollIdleStrategy(fds);
        };
    }
}
