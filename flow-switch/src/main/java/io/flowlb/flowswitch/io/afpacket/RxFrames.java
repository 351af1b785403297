package io.flowlb.flowswitch.io.afpacket;

import io.flowlb.flowswitch.io.RxFlags;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * What both receive ring versions do to a frame before handing it on: translate the kernel's
 * {@code tp_status} bits into {@link RxFlags}, and put back the VLAN tag the kernel stripped.
 *
 * <p>Thread safety: stateless.
 */
final class RxFrames {
    /** Bytes reserved in front of every frame ({@code PACKET_RESERVE}): room for one VLAN tag. */
    static final int HEADROOM = 4;

    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    static final int TP_STATUS_COPY = 1 << 1;
    static final int TP_STATUS_CSUMNOTREADY = 1 << 3;
    static final int TP_STATUS_VLAN_VALID = 1 << 4;
    static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;
    static final int TP_STATUS_CSUM_VALID = 1 << 7;

    private static final int ETH_P_8021Q = 0x8100;
    private static final int MAC_ADDRESSES = 12;
    private static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private RxFrames() {
    }

    /** Maps a frame's {@code tp_status} and lengths to {@link RxFlags}. */
    static int flagsOf(int status, long available, int wireLength) {
        int flags = 0;
        if ((status & TP_STATUS_CSUMNOTREADY) != 0) {
            flags |= RxFlags.CSUM_NOT_READY;
        }
        if ((status & TP_STATUS_CSUM_VALID) != 0) {
            flags |= RxFlags.CSUM_VALID;
        }
        if (available < wireLength) {
            flags |= RxFlags.TRUNCATED;
        }
        return flags;
    }

    /** True when the kernel stripped a tag that must be put back. */
    static boolean hasStrippedTag(int status) {
        return (status & TP_STATUS_VLAN_VALID) != 0;
    }

    /**
     * Writes the tag into the four bytes before {@code start} by moving the MAC addresses there;
     * returns the frame's new start. The caller guarantees the headroom and 12 bytes of frame.
     */
    static long insertVlanTag(MemorySegment memory, long start, int status, int tpid, int tci) {
        int protocol = (status & TP_STATUS_VLAN_TPID_VALID) != 0 ? tpid : ETH_P_8021Q;
        long tagged = start - HEADROOM;
        MemorySegment.copy(memory, start, memory, tagged, MAC_ADDRESSES);
        memory.set(NET_SHORT, tagged + MAC_ADDRESSES, (short) protocol);
        memory.set(NET_SHORT, tagged + MAC_ADDRESSES + 2, (short) tci);
        return tagged;
    }
}
