package io.flowlb.flowswitch.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The size rule every port applies on transmit, as the kernel does: a frame carries at most
 * MTU bytes after its Ethernet header, plus four when it carries an 802.1Q/802.1ad tag; a
 * frame shorter than an Ethernet header is malformed.
 *
 * <p>Thread safety: stateless.
 */
public final class FrameLimits {
    public static final int ETH_HLEN = 14;
    public static final int VLAN_HLEN = 4;
    private static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private FrameLimits() {
    }

    /** True when a port with this MTU may send the frame. Allocation-free. */
    public static boolean fits(MemorySegment frame, long offset, int length, int mtu) {
        if (length < ETH_HLEN) {
            return false;
        }
        int ethertype = Short.toUnsignedInt(frame.get(NET_SHORT, offset + 12));
        int tag = ethertype == 0x8100 || ethertype == 0x88a8 ? VLAN_HLEN : 0;
        return length <= mtu + ETH_HLEN + tag;
    }
}
