package io.flowlb.flowswitch.io.afpacket;

import io.flowlb.flowswitch.io.FrameHandler;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A reader over a {@code TPACKET_V3} receive ring: {@code blockCount} blocks of
 * {@code blockSize} bytes, each opened by a {@code tpacket_block_desc} whose status word says
 * who owns the block. The kernel fills a block with variable-sized frames and hands it over by
 * setting {@code TP_STATUS_USER}; the reader walks its frames through {@code tp_next_offset},
 * and gives the whole block back with {@code TP_STATUS_KERNEL} once its last frame is consumed.
 *
 * <p>Memory ordering: the block status is read with acquire semantics, so the frames the kernel
 * wrote before publishing the block are visible; it is written back with release semantics, so
 * every read of the block's frames happens before the kernel may overwrite them.
 *
 * <p>VLAN tags: the kernel strips the outer 802.1Q tag and reports it in the frame header. When
 * the ring was set up with {@link RxFrames#HEADROOM} bytes of {@code PACKET_RESERVE}, the reader puts
 * the tag back in place (moving the MAC addresses four bytes earlier), so handlers always see
 * the frame as it was on the wire.
 *
 * <p>The reader works on any segment laid out this way (the mapped ring, or a test buffer), so
 * its logic is tested without a socket. Thread safety: owned by the thread that polls the port.
 */
public final class RxRingV3 implements RxRing {
    static final int TP_STATUS_KERNEL = RxFrames.TP_STATUS_KERNEL;
    static final int TP_STATUS_USER = RxFrames.TP_STATUS_USER;

    /** {@code tpacket_block_desc}: version, offset_to_priv, then {@code tpacket_hdr_v1}. */
    static final long BLOCK_STATUS = 8;
    static final long BLOCK_NUM_PKTS = 12;
    static final long BLOCK_FIRST_PKT = 16;

    /** {@code tpacket3_hdr}. */
    static final long FRAME_NEXT_OFFSET = 0;
    static final long FRAME_SNAPLEN = 12;
    static final long FRAME_LEN = 16;
    static final long FRAME_STATUS = 20;
    static final long FRAME_MAC = 24;
    static final long FRAME_VLAN_TCI = 32;
    static final long FRAME_VLAN_TPID = 36;

    private static final int MAC_ADDRESSES = 12;
    private static final VarHandle STATUS = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment ring;
    private final long blockSize;
    private final int blockCount;
    private final boolean headroom;

    private int block;
    private int framesLeft;
    private long frame;
    private long burstBytes;
    private int burstTruncated;

    /**
     * @param ring the ring memory, at least {@code blockSize * blockCount} bytes, 8-byte aligned
     * @param headroom whether frames were received with {@link RxFrames#HEADROOM} bytes of reserve
     */
    public RxRingV3(MemorySegment ring, int blockSize, int blockCount, boolean headroom) {
        if ((long) blockSize * blockCount > ring.byteSize()) {
            throw new IllegalArgumentException("ring of " + ring.byteSize() + " bytes cannot hold "
                    + blockCount + " blocks of " + blockSize);
        }
        this.ring = ring;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.headroom = headroom;
    }

    @Override
    public int poll(FrameHandler handler, int portNo, int maxFrames) {
        int delivered = 0;
        long bytes = 0;
        burstTruncated = 0;
        while (delivered < maxFrames && (framesLeft > 0 || openNextBlock())) {
            long header = frame;
            boolean last = --framesLeft == 0;
            if (!last) {
                frame = header + ring.get(ValueLayout.JAVA_INT, header + FRAME_NEXT_OFFSET);
            }
            delivered++;
            try {
                bytes += deliver(handler, portNo, header);
            } finally {
                // A handler that throws must not get the same frame again (or hold the block).
                if (last) {
                    releaseBlock();
                }
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

    /** The block the reader looks at next (for tests and diagnostics). */
    public int currentBlock() {
        return block;
    }

    private boolean openNextBlock() {
        long base = block * blockSize;
        while ((((int) STATUS.getAcquire(ring, base + BLOCK_STATUS)) & TP_STATUS_USER) != 0) {
            int frames = ring.get(ValueLayout.JAVA_INT, base + BLOCK_NUM_PKTS);
            if (frames > 0) {
                framesLeft = frames;
                frame = base + ring.get(ValueLayout.JAVA_INT, base + BLOCK_FIRST_PKT);
                return true;
            }
            releaseBlock();
            base = block * blockSize;
        }
        return false;
    }

    private void releaseBlock() {
        STATUS.setRelease(ring, block * blockSize + BLOCK_STATUS, TP_STATUS_KERNEL);
        block = block + 1 == blockCount ? 0 : block + 1;
    }

    private int deliver(FrameHandler handler, int portNo, long header) {
        int status = ring.get(ValueLayout.JAVA_INT, header + FRAME_STATUS);
        int snaplen = ring.get(ValueLayout.JAVA_INT, header + FRAME_SNAPLEN);
        int wireLength = ring.get(ValueLayout.JAVA_INT, header + FRAME_LEN);
        long start = header + Short.toUnsignedInt(ring.get(ValueLayout.JAVA_SHORT, header + FRAME_MAC));
        int flags = RxFrames.flagsOf(status, snaplen, wireLength);
        if (snaplen < wireLength) {
            burstTruncated++;
        }
        if (RxFrames.hasStrippedTag(status) && headroom && snaplen >= MAC_ADDRESSES) {
            start = RxFrames.insertVlanTag(ring, start, status,
                    Short.toUnsignedInt(ring.get(ValueLayout.JAVA_SHORT, header + FRAME_VLAN_TPID)),
                    ring.get(ValueLayout.JAVA_INT, header + FRAME_VLAN_TCI));
            snaplen += RxFrames.HEADROOM;
        }
        handler.onFrame(portNo, ring, start, snaplen, flags);
        return snaplen;
    }
}
