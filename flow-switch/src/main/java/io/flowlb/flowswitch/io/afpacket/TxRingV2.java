package io.flowlb.flowswitch.io.afpacket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A writer over a {@code TPACKET_V2} transmit ring: {@code frameCount} slots of
 * {@code frameSize} bytes, each opened by a {@code tpacket2_hdr} whose status word says who
 * owns the slot. The writer fills the next {@code TP_STATUS_AVAILABLE} slot and marks it
 * {@code TP_STATUS_SEND_REQUEST}; a {@code sendto} on the socket then makes the kernel send
 * every requested slot in ring order and set each back to available once the frame has left.
 *
 * <p>With a virtio-net header ({@code PACKET_VNET_HDR} on the socket) each frame is preceded by
 * {@link #VNET_HEADER_LENGTH} bytes that ask the kernel to copy the first
 * {@link #LINEAR_COPY_MAX} bytes of the frame (all of a usual frame) into the packet buffer it
 * builds. Without one the kernel copies only the Ethernet header and hangs the rest of the slot
 * on the buffer as a page fragment, which every receiver on a veth peer or a bridge must then
 * copy again (page allocation included) and pull into the buffer to read the IP header: on
 * veth that costs more than the copy saves.
 *
 * <p>Memory ordering: the slot status is read with acquire semantics (the kernel is done with
 * the slot's bytes) and set with release semantics after the frame and its length are written
 * (the kernel sees the whole frame once it sees the request).
 *
 * <p>Works on any segment laid out this way, so its logic is tested without a socket.
 * Thread safety: owned by the one thread that transmits through it.
 */
public final class TxRingV2 {
    static final int TP_STATUS_AVAILABLE = 0;
    static final int TP_STATUS_SEND_REQUEST = 1;
    static final int TP_STATUS_SENDING = 1 << 1;
    static final int TP_STATUS_WRONG_FORMAT = 1 << 2;

    /** {@code tpacket2_hdr}: status, len, snaplen, mac, net, ... padded to 32 bytes. */
    static final long SLOT_STATUS = 0;
    static final long SLOT_LEN = 4;
    /** {@code TPACKET2_HDRLEN - sizeof(struct sockaddr_ll)}: where the kernel reads the frame. */
    public static final int DATA_OFFSET = 32;
    /** {@code struct virtio_net_hdr}: flags, gso_type, hdr_len, gso_size, csum_start, csum_offset. */
    public static final int VNET_HEADER_LENGTH = 10;
    /** The most bytes of a frame the kernel is asked to copy into its packet buffer. */
    static final int LINEAR_COPY_MAX = 2048;
    private static final long VNET_HDR_LEN = 2;

    private static final VarHandle STATUS = ValueLayout.JAVA_INT.varHandle();
    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment ring;
    private final int frameSize;
    private final int frameCount;
    private final int headerLength;
    private int next;
    private int requested;
    private long rejectedByKernel;

    /**
     * @param ring the ring memory, at least {@code frameSize * frameCount} bytes, 8-byte aligned
     * @param frameSize the slot size, a multiple of 16 larger than {@link #DATA_OFFSET}
     * @param vnetHeader whether the socket expects a virtio-net header before each frame
     */
    public TxRingV2(MemorySegment ring, int frameSize, int frameCount, boolean vnetHeader) {
        this.headerLength = vnetHeader ? VNET_HEADER_LENGTH : 0;
        if ((long) frameSize * frameCount > ring.byteSize() || frameSize <= DATA_OFFSET + headerLength
                || frameSize % 16 != 0) {
            throw new IllegalArgumentException("bad transmit ring geometry: " + frameCount + " x " + frameSize
                    + " in " + ring.byteSize() + " bytes");
        }
        this.ring = ring;
        this.frameSize = frameSize;
        this.frameCount = frameCount;
    }

    /** The longest frame a slot holds. */
    public int maxFrameLength() {
        return frameSize - DATA_OFFSET - headerLength;
    }

    /**
     * Copies the frame into the next slot and requests its transmission. Returns false when the
     * next slot is still the kernel's (the ring is full) or the frame does not fit a slot.
     */
    public boolean offer(MemorySegment frame, long offset, int length) {
        if (length > frameSize - DATA_OFFSET - headerLength || length <= 0) {
            return false;
        }
        long slot = (long) next * frameSize;
        int status = (int) STATUS.getAcquire(ring, slot + SLOT_STATUS);
        if (status != TP_STATUS_AVAILABLE) {
            if (status != TP_STATUS_WRONG_FORMAT) {
                return false;
            }
            rejectedByKernel++;
        }
        if (headerLength != 0) {
            writeVnetHeader(slot + DATA_OFFSET, length);
        }
        MemorySegment.copy(frame, offset, ring, slot + DATA_OFFSET + headerLength, length);
        ring.set(ValueLayout.JAVA_INT, slot + SLOT_LEN, headerLength + length);
        STATUS.setRelease(ring, slot + SLOT_STATUS, TP_STATUS_SEND_REQUEST);
        next = next + 1 == frameCount ? 0 : next + 1;
        requested++;
        return true;
    }

    /** No offload asked; {@code hdr_len}: how much of the frame goes into the packet buffer. */
    private void writeVnetHeader(long at, int length) {
        ring.set(ValueLayout.JAVA_LONG_UNALIGNED, at, 0L);
        ring.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + 8, (short) 0);
        ring.set(LE_SHORT, at + VNET_HDR_LEN, (short) Math.min(length, LINEAR_COPY_MAX));
    }

    /** Frames requested since the last {@link #clearRequested()}: non-zero means a kick is due. */
    public int requested() {
        return requested;
    }

    /** Records that the kernel has been kicked for every requested frame. */
    public void clearRequested() {
        requested = 0;
    }

    /** Slots the kernel refused as malformed (seen when the writer came back to them). */
    public long rejectedByKernel() {
        return rejectedByKernel;
    }
}
