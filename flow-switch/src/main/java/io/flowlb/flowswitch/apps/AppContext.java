package io.flowlb.flowswitch.apps;

/**
 * What the switch offers an application during {@link SwitchApp#onFrame}: buffers from the
 * poller's free pool and transmission on any port, bypassing the flow tables.
 *
 * <p>Thread safety: valid on the calling poller thread, during the call.
 */
public interface AppContext {

    /** A free buffer from the poller's pool, or null when the pool is empty (count and drop). */
    FrameBuffer acquire();

    /**
     * Sends the first {@code length} bytes of {@code buffer} out of port {@code portNo} and
     * returns the buffer to the pool. Returns false when the port does not exist, is not
     * forwarding, or its transmit ring is full (the switch counts it).
     */
    boolean send(int portNo, FrameBuffer buffer, int length);

    /** Returns an unsent buffer to the pool. */
    void release(FrameBuffer buffer);

    /** The poller's time of the current burst, nanoseconds. */
    long now();
}
