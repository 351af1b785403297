package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.putI32;
import static io.flowlb.loadbalancer.packet.BigEndian.putU16;
import static io.flowlb.loadbalancer.packet.BigEndian.putU8;

import java.lang.foreign.MemorySegment;

/**
 * TCP segmentation in software (GSO): cuts a TCP/IPv4 or TCP/IPv6 frame longer than the output
 * MTU into frames of at most {@code mss} payload bytes each.
 *
 * <p>Why: a veth peer with TSO/GSO on hands AF_PACKET sockets "super-frames" of up to 64 KiB
 * whose checksum is only partial; a switch that forwards them unchanged sees them dropped by the
 * next hop. Each segment repeats the super-frame's headers (Ethernet, VLAN, IP with options or
 * extension headers, TCP with options) followed by its share of the payload, with the IP total /
 * payload length set, the IPv4 identification incremented per segment and the IPv4 header
 * checksum recomputed, the TCP sequence number advanced, FIN and PSH kept only on the last
 * segment and CWR only on the first (as Linux's {@code tcp_gso_segment} does), and a full TCP
 * checksum computed, so the partial checksum of the input does not matter.
 *
 * <p>There is no UDP variant: UDP fragmentation offload (UFO) is gone from Linux, and UDP GSO
 * super-frames (UDP_SEGMENT) appear only when an application asks for them; they are not handled.
 *
 * <p>Design: zero allocation. {@link #writeSegment} writes segment <i>i</i> into caller memory
 * and is independent of the others, so a switch can write each segment straight into a transmit
 * slot or a scratch buffer; {@link #segmentAll} writes them all at a fixed stride.
 *
 * <p>Thread safety: stateless; the view and the output belong to the calling thread.
 */
public final class TcpSegmenter {

    private TcpSegmenter() {
    }

    /** True for a parsed, unfragmented TCP packet (only those can be segmented). */
    public static boolean canSegment(PacketView v) {
        return v.isTcp() && !v.isFragment();
    }

    /** How many segments of at most {@code mss} payload bytes the packet makes (1 when it has no payload), or 0. */
    public static int segmentCount(PacketView v, int mss) {
        if (!canSegment(v) || mss < 1) {
            return 0;
        }
        int payload = v.payloadLength();
        return payload == 0 ? 1 : (payload + mss - 1) / mss;
    }

    /**
     * Writes segment {@code index} (0-based) at {@code offset}. Returns its length,
     * {@link BuildResult#NOT_APPLICABLE} (not an unfragmented TCP packet),
     * {@link BuildResult#BAD_ARGUMENT} ({@code mss} below 1 or {@code index} out of range) or
     * {@link BuildResult#NO_ROOM}.
     */
    public static int writeSegment(PacketView v, int mss, int index, MemorySegment out, long offset) {
        if (!canSegment(v)) {
            return BuildResult.NOT_APPLICABLE;
        }
        int count = segmentCount(v, mss);
        if (index < 0 || index >= count) {
            return BuildResult.BAD_ARGUMENT;
        }
        int headers = v.payloadOffset();
        int start = index * mss;
        int chunk = Math.min(mss, v.payloadLength() - start);
        int length = headers + chunk;
        if (!HeaderWriter.fits(out, offset, length)) {
            return BuildResult.NO_ROOM;
        }
        MemorySegment.copy(v.segment(), v.base(), out, offset, headers);
        MemorySegment.copy(v.segment(), v.base() + headers + start, out, offset + headers, chunk);
        long l3 = offset + v.l3Offset();
        long l4 = offset + v.l4Offset();
        fixIpHeader(v, out, l3, length - v.l3Offset(), index);
        putI32(out, l4 + 4, (int) (v.tcpSeq() + start));
        int flags = v.tcpFlags();
        if (index < count - 1) {
            flags &= ~(TcpFlags.FIN | TcpFlags.PSH);
        }
        if (index > 0) {
            flags &= ~TcpFlags.CWR;
        }
        putU8(out, l4 + 13, flags);
        Checksums.writeL4Checksum(out, l3, l4, length - v.l4Offset(), IpProtocol.TCP);
        return length;
    }

    private static void fixIpHeader(PacketView v, MemorySegment out, long l3, int ipLength, int index) {
        if (v.ipVersion() == 6) {
            putU16(out, l3 + 4, ipLength - HeaderWriter.IPV6_HEADER);
            return;
        }
        putU16(out, l3 + 2, ipLength);
        putU16(out, l3 + 4, v.ipv4Id() + index);
        putU16(out, l3 + 10, 0);
        putU16(out, l3 + 10, Checksums.checksum(out, l3, v.l4Offset() - v.l3Offset()));
    }

    /**
     * Writes every segment, segment <i>i</i> at {@code offset + i * stride}, at most
     * {@code maxSegments}. Returns the number written, or the first negative
     * {@link BuildResult} (then the segments before it are written).
     */
    public static int segmentAll(PacketView v, int mss, MemorySegment out, long offset, int stride, int maxSegments) {
        int count = segmentCount(v, mss);
        if (count == 0) {
            return canSegment(v) ? BuildResult.BAD_ARGUMENT : BuildResult.NOT_APPLICABLE;
        }
        if (count > maxSegments || v.payloadOffset() + Math.min(mss, v.payloadLength()) > stride) {
            return BuildResult.NO_ROOM;
        }
        for (int i = 0; i < count; i++) {
            int r = writeSegment(v, mss, i, out, offset + (long) i * stride);
            if (r < 0) {
                return r;
            }
        }
        return count;
    }
}
