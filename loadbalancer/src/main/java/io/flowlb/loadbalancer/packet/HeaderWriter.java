package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.putI32;
import static io.flowlb.loadbalancer.packet.BigEndian.putI64;
import static io.flowlb.loadbalancer.packet.BigEndian.putU16;
import static io.flowlb.loadbalancer.packet.BigEndian.putU48;
import static io.flowlb.loadbalancer.packet.BigEndian.putU8;

import java.lang.foreign.MemorySegment;

/**
 * Writes fresh Ethernet, IPv4, IPv6 and TCP headers and L4 checksums into caller memory: the
 * shared part of the frame builders ({@link ArpReplies}, {@link TcpResets},
 * {@link IcmpEchoReplies}, {@link NeighborAdvertisements}, {@link FrameBuilder}).
 *
 * <p>Thread safety: stateless.
 */
final class HeaderWriter {
    static final int IPV4_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int TCP_HEADER = 20;
    static final int DEFAULT_TTL = 64;

    private HeaderWriter() {
    }

    /** Writes an Ethernet header (tagged when {@code vlanTci >= 0}) and returns its length. */
    static int ethernet(MemorySegment s, long off, long dst, long src, int vlanTci, int etherType) {
        putU48(s, off, dst);
        putU48(s, off + 6, src);
        if (vlanTci < 0) {
            putU16(s, off + 12, etherType);
            return PacketView.ETH_HEADER;
        }
        putU16(s, off + 12, EtherType.VLAN);
        putU16(s, off + 14, vlanTci);
        putU16(s, off + 16, etherType);
        return PacketView.ETH_HEADER + PacketView.VLAN_TAG;
    }

    /** Writes an ARP body for IPv4 over Ethernet (28 bytes). */
    static void arp(MemorySegment s, long off, int op, long sha, int spa, long tha, int tpa) {
        putI32(s, off, 0x0001_0800);
        putU16(s, off + 4, 0x0604);
        putU16(s, off + 6, op);
        putU48(s, off + 8, sha);
        putI32(s, off + 14, spa);
        putU48(s, off + 18, tha);
        putI32(s, off + 24, tpa);
    }

    /** Writes a 20-byte IPv4 header with a correct header checksum. */
    static void ipv4(MemorySegment s, long off, int tos, int totalLength, int id, int flagsFragment,
                     int protocol, int src, int dst) {
        putU16(s, off, 0x4500 | (tos & 0xff));
        putU16(s, off + 2, totalLength);
        putU16(s, off + 4, id);
        putU16(s, off + 6, flagsFragment);
        putU16(s, off + 8, (DEFAULT_TTL << 8) | protocol);
        putU16(s, off + 10, 0);
        putI32(s, off + 12, src);
        putI32(s, off + 16, dst);
        putU16(s, off + 10, Checksums.checksum(s, off, IPV4_HEADER));
    }

    /** Writes a 40-byte IPv6 header (traffic class and flow label 0, hop limit given). */
    static void ipv6(MemorySegment s, long off, int payloadLength, int nextHeader, int hopLimit,
                     long srcHi, long srcLo, long dstHi, long dstLo) {
        putI32(s, off, 0x6000_0000);
        putU16(s, off + 4, payloadLength);
        putU8(s, off + 6, nextHeader);
        putU8(s, off + 7, hopLimit);
        putI64(s, off + 8, srcHi);
        putI64(s, off + 16, srcLo);
        putI64(s, off + 24, dstHi);
        putI64(s, off + 32, dstLo);
    }

    /** Writes a TCP header without options; the checksum field is left 0. */
    static void tcp(MemorySegment s, long off, int srcPort, int dstPort, long seq, long ack, int flags, int window) {
        putU16(s, off, srcPort);
        putU16(s, off + 2, dstPort);
        putI32(s, off + 4, (int) seq);
        putI32(s, off + 8, (int) ack);
        putU16(s, off + 12, (5 << 12) | (flags & 0xff));
        putU16(s, off + 14, window);
        putI32(s, off + 16, 0);
    }

    /**
     * Writes the Ethernet and IP headers of a reply to the parsed IP packet {@code request}:
     * MACs and addresses swapped, the same VLAN tag, TOS / traffic class 0, TTL / hop limit 64,
     * IPv4 id 0 with DF (an atomic datagram, RFC 6864), no IPv4 options or IPv6 extension
     * headers. Every request field is read before anything is written, so {@code out} may be the
     * request's own frame at the same offset. Returns the L4 offset relative to {@code off}.
     */
    static int replyHeaders(PacketView request, MemorySegment out, long off, int protocol, int l4Length) {
        long ethDst = request.ethSrc();
        long ethSrc = request.ethDst();
        int tci = request.vlanTci();
        if (request.ipVersion() == 4) {
            int src = request.ipv4Dst();
            int dst = request.ipv4Src();
            int l3 = ethernet(out, off, ethDst, ethSrc, tci, EtherType.IPV4);
            ipv4(out, off + l3, 0, IPV4_HEADER + l4Length, 0, 0x4000, protocol, src, dst);
            return l3 + IPV4_HEADER;
        }
        long srcHi = request.ipv6DstHi();
        long srcLo = request.ipv6DstLo();
        long dstHi = request.ipv6SrcHi();
        long dstLo = request.ipv6SrcLo();
        int l3 = ethernet(out, off, ethDst, ethSrc, tci, EtherType.IPV6);
        ipv6(out, off + l3, l4Length, protocol, DEFAULT_TTL, srcHi, srcLo, dstHi, dstLo);
        return l3 + IPV6_HEADER;
    }

    /** True when {@code length} bytes fit in {@code out} from {@code off}. */
    static boolean fits(MemorySegment out, long off, int length) {
        return off >= 0 && out.byteSize() - off >= length;
    }
}
