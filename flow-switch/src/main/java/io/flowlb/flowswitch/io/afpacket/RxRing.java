package io.flowlb.flowswitch.io.afpacket;

import io.flowlb.flowswitch.io.FrameHandler;

/**
 * A reader over a mapped AF_PACKET receive ring. Thread safety: owned by the thread that polls
 * the port.
 */
public interface RxRing {

    /**
     * Delivers up to {@code maxFrames} frames to {@code handler}, handing each slot back to the
     * kernel once its frame was delivered, and returns how many it delivered.
     */
    int poll(FrameHandler handler, int portNo, int maxFrames);

    /** The bytes delivered by the last {@link #poll}. */
    long burstBytes();

    /** How many frames of the last {@link #poll} were cut short. */
    int burstTruncated();
}
