package io.flowlb.controller.lb.arp;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Writes one frame into memory and returns its length, or a negative build result (the core's
 * reply builders, {@code ArpReplies.write} and friends, have this shape).
 */
@FunctionalInterface
public interface FrameWriter {

    int write(MemorySegment out);

    /** The frame {@code writer} builds in a buffer of {@code capacity} bytes, or null when it built none. */
    static byte[] build(int capacity, FrameWriter writer) {
        byte[] buffer = new byte[Math.max(capacity, 128)];
        int length = writer.write(MemorySegment.ofArray(buffer));
        return length > 0 ? Arrays.copyOf(buffer, length) : null;
    }
}
