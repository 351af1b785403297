package io.flowlb.flowswitch.io;

import java.lang.foreign.MemorySegment;

/**
 * Receives the frames a port's receive ring holds, one call per frame, on the poller thread that
 * owns the port.
 *
 * <p>The frame lives in the ring itself (no copy): it may be rewritten in place, and it is only
 * valid for the duration of the call; the ring slot may be handed back to the kernel as soon as
 * the call returns. A frame that must outlive the call is copied (a {@link TxQueue#send} copies).
 */
public interface FrameHandler {

    /**
     * @param inPort the OpenFlow port number the frame arrived on
     * @param frame the memory holding the frame (a ring, or a test buffer)
     * @param offset where the Ethernet header starts in {@code frame}
     * @param length the frame's full length (may exceed the MTU for GSO super-frames)
     * @param flags {@link RxFlags} bits
     */
    void onFrame(int inPort, MemorySegment frame, long offset, int length, int flags);

    /**
     * Called on the same thread after each non-empty burst from one port: the place to flush
     * transmit queues (one kick per burst instead of one per frame).
     */
    default void endOfBurst() {
    }

    /**
     * Called on the same thread when a round of polling found no frame: time for small,
     * bounded upkeep of per-thread state (expiring idle connections).
     *
     * @param nowNanos the poller's clock
     * @param budget the most items to handle in this call
     * @return the work done; non-zero keeps the poller from idling
     */
    default int doIdleWork(long nowNanos, int budget) {
        return 0;
    }
}
