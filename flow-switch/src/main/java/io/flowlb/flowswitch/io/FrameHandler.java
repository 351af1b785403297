package io.flowlb.flowswitch.io;

import java.lang.foreign.MemorySegment;

/**
 * Receives the frames a port's receive ring holds, one call per frame, on the poller thread that
 * owns the port.
 *
 * <p>The frame lives in the ring itself (no copy): it may be rewritten in place, and it is only
 * valid for the duration of the call; the slot is handed back to the kernel after the burst.
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
}
