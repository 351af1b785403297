package io.flowlb.flowswitch.io.afpacket;

import io.flowlb.flowswitch.io.FrameHandler;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A reader over a {@code TPACKET_V2} receive ring: {@code frameCount} fixed slots of
 * {@code frameSize} bytes, each opened by a {@code tpacket2_hdr} whose status word says who owns
 * the slot. The kernel hands each frame over as soon as it is written, so this ring adds no
 * latency (a {@code TPACKET_V3} block waits until it is full or its retire timer fires).
 *
 * <p>A frame longer than a slot (a 64 KiB GSO super-frame) arrives cut short with
 * {@code TP_STATUS_COPY}: the kernel has also queued the whole frame on the socket
 * ({@code PACKET_COPY_THRESH}), in ring order. The reader then fetches it with
 * {@link FullFrameReader} into its own buffer and delivers that instead of the stub.
 *
 * <p>Memory ordering: a slot's status is read with acquire semantics (the frame the kernel wrote
 * before publishing it is visible) and handed back with a release store (every read of the frame
 * happens before the kernel may overwrite it). Works on any segment laid out this way, so its
 * logic is tested without a socket.
 *
 * <p>Thread safety: owned by the thread that polls the port.
 */
public final class RxRingV2 implements RxRing {
    /** {@code tpacket2_hdr}. */
    static final long SLOT_STATUS = 0;
    static final long SLOT_LEN = 4;
    static final long SLOT_SNAPLEN = 8;
    static final long SLOT_MAC = 12;
    static final long SLOT_VLAN_TCI = 24;
    static final long SLOT_VLAN_TPID = 26;

    private static final int MAC_ADDRESSES = 12;
    private static final VarHandle STATUS = ValueLayout.JAVA_INT.varHandle();

    /** Reads the next whole frame the kernel queued on the socket for a cut-short slot. */
    @FunctionalInterface
    public interface FullFrameReader {
        /**
         * Copies the frame into the ring's copy buffer from byte {@link RxFrames#HEADROOM} on
         * (as much as fits); returns the frame's full length, or -1 when none is queued.
         */
        int read();
    }

    private final MemorySegment ring;
    private final int frameSize;
    private final int frameCount;
    private final FullFrameReader fullFrames;
    private final MemorySegment copyBuffer;
    private int next;
    private long burstBytes;
    private int burstTruncated;

    /**
     * @param ring the ring memory, at least {@code frameSize * frameCount} bytes, 8-byte aligned
     * @param copyBuffer receives whole frames of cut-short slots after {@link RxFrames#HEADROOM}
     *     bytes; longer frames are cut to fit
     * @param fullFrames fills the copy buffer from the socket
     */
    public RxRingV2(MemorySegment ring, int frameSize, int frameCount, MemorySegment copyBuffer,
            FullFrameReader fullFrames) {
        if ((long) frameSize * frameCount > ring.byteSize()) {
            throw new IllegalArgumentException("ring of " + ring.byteSize() + " bytes cannot hold "
                    + frameCount + " slots of " + frameSize);
        }
        this.ring = ring;
        this.frameSize = frameSize;
        this.frameCount = frameCount;
        this.fullFrames = fullFrames;
        this.copyBuffer = copyBuffer;
    }

    @Override
    public int poll(FrameHandler handler, int portNo, int maxFrames) {
        int delivered = 0;
        long bytes = 0;
        burstTruncated = 0;
        while (delivered < maxFrames) {
            long slot = (long) next * frameSize;
            int status = (int) STATUS.getAcquire(ring, slot + SLOT_STATUS);
            if ((status & RxFrames.TP_STATUS_USER) == 0) {
                break;
            }
            next = next + 1 == frameCount ? 0 : next + 1;
            delivered++;
            try {
                bytes += deliver(handler, portNo, slot, status);
            } finally {
                // Handed back even when the handler throws: the same frame never comes twice.
                STATUS.setRelease(ring, slot + SLOT_STATUS, RxFrames.TP_STATUS_KERNEL);
            }
        }
        burstBytes = bytes;
        return delivered;
    }

    @Override
    public long burstBytes() {
        return burstBytes;
    }

    @Override
    public int burstTruncated() {
        return burstTruncated;
    }

    /** The slot the reader looks at next (for tests and diagnostics). */
    public int currentSlot() {
        return next;
    }

    private int deliver(FrameHandler handler, int portNo, long slot, int status) {
        if ((status & RxFrames.TP_STATUS_COPY) != 0) {
            int length = deliverFullFrame(handler, portNo, slot, status);
            if (length >= 0) {
                return length;
            }
        }
        MemorySegment memory = ring;
        int snaplen = ring.get(ValueLayout.JAVA_INT, slot + SLOT_SNAPLEN);
        int wireLength = ring.get(ValueLayout.JAVA_INT, slot + SLOT_LEN);
        long start = slot + Short.toUnsignedInt(ring.get(ValueLayout.JAVA_SHORT, slot + SLOT_MAC));
        return hand(handler, portNo, memory, slot, start, snaplen, wireLength, status);
    }

    /** Delivers the whole frame queued on the socket; -1 when there was none. */
    private int deliverFullFrame(FrameHandler handler, int portNo, long slot, int status) {
        long start = RxFrames.HEADROOM;
        int capacity = (int) copyBuffer.byteSize() - RxFrames.HEADROOM;
        int wireLength = fullFrames.read();
        if (wireLength < 0) {
            return -1;
        }
        int available = Math.min(wireLength, capacity);
        return hand(handler, portNo, copyBuffer, slot, start, available, wireLength, status);
    }

    private int hand(FrameHandler handler, int portNo, MemorySegment memory, long slot, long start, int available,
            int wireLength, int status) {
        int flags = RxFrames.flagsOf(status, available, wireLength);
        if (available < wireLength) {
            burstTruncated++;
        }
        int length = available;
        long at = start;
        if (RxFrames.hasStrippedTag(status) && available >= MAC_ADDRESSES) {
            at = RxFrames.insertVlanTag(memory, start, status,
                    Short.toUnsignedInt(ring.get(ValueLayout.JAVA_SHORT, slot + SLOT_VLAN_TPID)),
                    Short.toUnsignedInt(ring.get(ValueLayout.JAVA_SHORT, slot + SLOT_VLAN_TCI)));
            length += RxFrames.HEADROOM;
        }
        handler.onFrame(portNo, memory, at, length, flags);
        return length;
    }
}
