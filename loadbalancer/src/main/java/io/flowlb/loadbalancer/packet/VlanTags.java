package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.putU16;
import static io.flowlb.loadbalancer.packet.BigEndian.u16;

import java.lang.foreign.MemorySegment;

/**
 * Adds or removes the outer 802.1Q / 802.1ad tag while copying a frame (the OpenFlow push_vlan
 * and pop_vlan actions): both change the frame length, so they happen on the way into the
 * output memory rather than in place.
 *
 * <p>The copies are safe when the output overlaps the input: pushing into the same memory 4
 * bytes earlier (headroom) or at the same offset (growing at the end), and popping into the
 * same memory 4 bytes later or at the same offset all give the right frame.
 *
 * <p>Thread safety: stateless.
 */
public final class VlanTags {
    private static final int MACS = 12;

    private VlanTags() {
    }

    /**
     * Copies the frame with a new outer tag ({@code tpid} 0x8100 or 0x88a8, {@code tci} = PCP,
     * DEI and VID) after the MAC addresses. Returns the new length ({@code length + 4}) or
     * {@link BuildResult#NO_ROOM}; {@link BuildResult#NOT_APPLICABLE} for a frame shorter than an
     * Ethernet header or not inside {@code src}.
     */
    public static int copyPushing(MemorySegment src, long srcOffset, int length, int tpid, int tci,
                                  MemorySegment out, long outOffset) {
        if (!readable(src, srcOffset, length, PacketView.ETH_HEADER)) {
            return BuildResult.NOT_APPLICABLE;
        }
        if (!HeaderWriter.fits(out, outOffset, length + PacketView.VLAN_TAG)) {
            return BuildResult.NO_ROOM;
        }
        MemorySegment.copy(src, srcOffset + MACS, out, outOffset + MACS + PacketView.VLAN_TAG, length - MACS);
        MemorySegment.copy(src, srcOffset, out, outOffset, MACS);
        putU16(out, outOffset + MACS, tpid);
        putU16(out, outOffset + MACS + 2, tci);
        return length + PacketView.VLAN_TAG;
    }

    /**
     * Copies the frame without its outer tag. Returns the new length ({@code length - 4}),
     * {@link BuildResult#NOT_APPLICABLE} when the frame is not tagged, or {@link BuildResult#NO_ROOM}.
     */
    public static int copyPopping(MemorySegment src, long srcOffset, int length, MemorySegment out, long outOffset) {
        if (!readable(src, srcOffset, length, PacketView.ETH_HEADER + PacketView.VLAN_TAG)) {
            return BuildResult.NOT_APPLICABLE;
        }
        int tpid = u16(src, srcOffset + MACS);
        if (tpid != EtherType.VLAN && tpid != EtherType.QINQ) {
            return BuildResult.NOT_APPLICABLE;
        }
        int popped = length - PacketView.VLAN_TAG;
        if (!HeaderWriter.fits(out, outOffset, popped)) {
            return BuildResult.NO_ROOM;
        }
        MemorySegment.copy(src, srcOffset + MACS + PacketView.VLAN_TAG, out, outOffset + MACS, popped - MACS);
        MemorySegment.copy(src, srcOffset, out, outOffset, MACS);
        return popped;
    }

    /** True when {@code length} bytes from {@code offset} lie inside {@code src} and make at least {@code minimum}. */
    private static boolean readable(MemorySegment src, long offset, int length, int minimum) {
        return length >= minimum && offset >= 0 && src.byteSize() - offset >= length;
    }
}
