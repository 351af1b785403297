package io.flowlb.flowswitch.apps;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A poller's free pool of transmit buffers for applications: allocated once, lent and returned
 * through a stack of free indexes, so building a reply allocates nothing.
 *
 * <p>Thread safety: owned by one poller.
 */
public final class BufferPool {
    private final FrameBuffer[] buffers;
    private final int[] free;
    private int freeCount;

    public BufferPool(int count, int bufferSize) {
        buffers = new FrameBuffer[count];
        free = new int[count];
        MemorySegment all = Arena.ofAuto().allocate((long) count * bufferSize, 64);
        for (int i = 0; i < count; i++) {
            buffers[i] = new FrameBuffer(all.asSlice((long) i * bufferSize, bufferSize), i);
            free[i] = count - 1 - i;
        }
        freeCount = count;
    }

    /** A free buffer, or null when all are lent. */
    public FrameBuffer acquire() {
        if (freeCount == 0) {
            return null;
        }
        FrameBuffer b = buffers[free[--freeCount]];
        b.lent = true;
        return b;
    }

    /** Returns a lent buffer (returning one twice, or a foreign one, is ignored). */
    public void release(FrameBuffer b) {
        if (b != null && b.lent && b.index < buffers.length && buffers[b.index] == b) {
            b.lent = false;
            free[freeCount++] = b.index;
        }
    }

    public int available() {
        return freeCount;
    }
}
