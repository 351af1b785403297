package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.putU8;

import java.lang.foreign.MemorySegment;

/**
 * Echo replies (ICMP type 0, ICMPv6 type 129) so that VIPs and the switch's own addresses answer
 * ping.
 *
 * <p>Design: the reply carries the request's identifier, sequence number and data unchanged,
 * swaps MACs and addresses, keeps the VLAN tag, drops IPv4 options and IPv6 extension headers,
 * and gets a freshly computed checksum (the request's is not trusted). It writes into caller
 * memory and allocates nothing; the output may be the request's own frame at the same offset
 * (the message only moves towards the frame start and headers are written after every input
 * field is read). Fragmented requests are not answered. The caller decides which destinations
 * it answers for (a request to a multicast or broadcast address should not be answered from it).
 *
 * <p>Thread safety: stateless.
 */
public final class IcmpEchoReplies {
    private static final int ECHO_REQUEST = 8;
    private static final int ECHO_REPLY = 0;
    private static final int ECHO_REQUEST_V6 = 128;
    private static final int ECHO_REPLY_V6 = 129;

    private IcmpEchoReplies() {
    }

    /** True for a parsed, unfragmented ICMP or ICMPv6 echo request. */
    public static boolean isRequest(PacketView v) {
        int type = v.icmpType();
        boolean request = v.ipVersion() == 4 ? type == ECHO_REQUEST : type == ECHO_REQUEST_V6;
        return v.isIcmp() && request && !v.isFragment();
    }

    /**
     * Writes the echo reply to {@code request}. Returns the frame length,
     * {@link BuildResult#NOT_APPLICABLE} (not an unfragmented echo request) or
     * {@link BuildResult#NO_ROOM}.
     */
    public static int write(PacketView request, MemorySegment out, long offset) {
        if (!isRequest(request)) {
            return BuildResult.NOT_APPLICABLE;
        }
        boolean v4 = request.ipVersion() == 4;
        int message = request.l4Length();
        int l4 = request.l3Offset() + (v4 ? HeaderWriter.IPV4_HEADER : HeaderWriter.IPV6_HEADER);
        if (!HeaderWriter.fits(out, offset, l4 + message)) {
            return BuildResult.NO_ROOM;
        }
        MemorySegment.copy(request.segment(), request.base() + request.l4Offset(), out, offset + l4, message);
        int protocol = v4 ? IpProtocol.ICMP : IpProtocol.ICMPV6;
        HeaderWriter.replyHeaders(request, out, offset, protocol, message);
        putU8(out, offset + l4, v4 ? ECHO_REPLY : ECHO_REPLY_V6);
        Checksums.writeL4Checksum(out, offset + request.l3Offset(), offset + l4, message, protocol);
        return l4 + message;
    }
}
