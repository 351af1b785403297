package io.flowlb.flowswitch.apps;

import java.lang.foreign.MemorySegment;

/**
 * One transmit buffer of a poller's {@link BufferPool}: a fixed slice of memory allocated at
 * start, lent to an application to build a frame in.
 *
 * <p>Thread safety: owned by the poller of its pool; lent to one application call at a time.
 */
public final class FrameBuffer {
    private final MemorySegment segment;
    final int index;
    boolean lent;

    FrameBuffer(MemorySegment segment, int index) {
        this.segment = segment;
        this.index = index;
    }

    /** The buffer's memory; a frame is built from offset 0. */
    public MemorySegment segment() {
        return segment;
    }

    public int capacity() {
        return (int) segment.byteSize();
    }
}
