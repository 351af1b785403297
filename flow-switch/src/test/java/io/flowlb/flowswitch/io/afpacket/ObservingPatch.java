package io.flowlb.flowswitch.io.afpacket;

import io.flowlb.flowswitch.engine.PatchPanel;
import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.RxFlags;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The integration tests' pipeline: records what each received frame looked like (port, length,
 * flags, source MAC, IPv4 protocol and total length), completes partial IPv4 TCP/UDP checksums
 * in place (a minimal stand-in for the datapath's own, so TCP works with offloads on), then
 * forwards like a {@link PatchPanel}. Super-frames are not segmented: the output queue refuses
 * them and counts a drop.
 */
final class ObservingPatch implements FrameHandler {
    record Seen(int port, int length, int flags, long srcMac, int ipProtocol, int ipTotalLength) {
    }

    private static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int ETH_HLEN = 14;

    final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final PatchPanel patch;

    ObservingPatch(NetPort a, NetPort b) {
        this.patch = new PatchPanel(a, b);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void onFrame(int inPort, MemorySegment frame, long offset, int length, int flags) {
        boolean ipv4 = length >= ETH_HLEN + 20 && Short.toUnsignedInt(frame.get(NET_SHORT, offset + 12)) == 0x0800;
        int protocol = ipv4 ? Byte.toUnsignedInt(frame.get(ValueLayout.JAVA_BYTE, offset + ETH_HLEN + 9)) : -1;
        int total = ipv4 ? Short.toUnsignedInt(frame.get(NET_SHORT, offset + ETH_HLEN + 2)) : -1;
        seen.add(new Seen(inPort, length, flags, InterfaceInfo.readMac(frame, offset + 6), protocol, total));
        if ((flags & RxFlags.CSUM_NOT_READY) != 0 && ipv4 && (protocol == 6 || protocol == 17)) {
            completeChecksum(frame, offset, length, protocol);
        }
        patch.onFrame(inPort, frame, offset, length, flags);
    }

    @Override
    public void endOfBurst() {
        patch.endOfBurst();
    }

    /**
     * The kernel left the pseudo-header sum in the checksum field: sum the whole L4 segment over
     * it and store the complement, which is what a NIC does with a CHECKSUM_PARTIAL frame.
     */
    static void completeChecksum(MemorySegment frame, long offset, int length, int protocol) {
        long ip = offset + ETH_HLEN;
        int headerLength = (frame.get(ValueLayout.JAVA_BYTE, ip) & 0x0f) * 4;
        int total = Short.toUnsignedInt(frame.get(NET_SHORT, ip + 2));
        long l4 = ip + headerLength;
        int l4Length = Math.min(total, length - ETH_HLEN) - headerLength;
        long field = l4 + (protocol == 6 ? 16 : 6);
        long sum = 0;
        for (int i = 0; i + 1 < l4Length; i += 2) {
            sum += Short.toUnsignedInt(frame.get(NET_SHORT, l4 + i));
        }
        if ((l4Length & 1) != 0) {
            sum += Byte.toUnsignedInt(frame.get(ValueLayout.JAVA_BYTE, l4 + l4Length - 1)) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = (int) (~sum & 0xffff);
        frame.set(NET_SHORT, field, (short) (checksum == 0 && protocol == 17 ? 0xffff : checksum));
    }
}
