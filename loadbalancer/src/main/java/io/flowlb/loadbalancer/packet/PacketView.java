package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.i32;
import static io.flowlb.loadbalancer.packet.BigEndian.i64;
import static io.flowlb.loadbalancer.packet.BigEndian.u16;
import static io.flowlb.loadbalancer.packet.BigEndian.u32;
import static io.flowlb.loadbalancer.packet.BigEndian.u48;
import static io.flowlb.loadbalancer.packet.BigEndian.u8;

import java.lang.foreign.MemorySegment;

/**
 * A reusable flyweight over one Ethernet frame held in a {@link MemorySegment}: parse once, then
 * read header fields and rewrite them in place with incremental checksum updates.
 *
 * <p>Design: {@link #wrap} points the view at {@code (segment, offset, length)}; {@link #parse}
 * walks Ethernet (+ one 802.1Q / 802.1ad tag), ARP, IPv4 (options, fragments), IPv6 (extension
 * headers), TCP, UDP, ICMP and ICMPv6, remembers the header offsets as {@code int}s relative to
 * the start of the frame (so {@link #l2Offset()} is always 0), and returns a {@link ParseResult}
 * code instead of throwing: a malformed frame is classified, counted by the caller and dropped.
 * Only the layers that parsed are readable afterwards; an accessor of a layer that is absent
 * returns a neutral value (0, or -1 where 0 is a legal value) and never reads outside the frame.
 *
 * <p>The view allocates nothing: one instance per thread is rewrapped for every frame.
 *
 * <p>Thread safety: none. A view belongs to the thread that wraps it (a switch poller, a test).
 */
public final class PacketView {
    /** An offset that does not exist in this frame. */
    public static final int NONE = -1;
    /** Bytes of an untagged Ethernet header. */
    public static final int ETH_HEADER = 14;
    /** Bytes of an 802.1Q tag. */
    public static final int VLAN_TAG = 4;

    static final int L4_NONE = 0;
    static final int L4_TCP = 1;
    static final int L4_UDP = 2;
    static final int L4_ICMP = 3;
    static final int L4_ICMPV6 = 4;

    static final int NOT_PARSED = -1;

    MemorySegment seg = MemorySegment.NULL;
    long base;
    int length;
    int result = NOT_PARSED;
    int etherType;
    int vlanTci;
    int l3;
    int l4;
    int payload;
    int ipEnd;
    int l4End;
    int ipVersion;
    int ipProtocol;
    int l4Type;
    /** Offset of the L4 checksum that covers the pseudo-header (TCP, UDP, ICMPv6), or -1. */
    int pseudoChecksum;
    /** Fragment offset (8-byte units) shifted left by one, ORed with the more-fragments bit. */
    int frag;
    /** The TCP flag bits, read with the data offset while parsing (0 when not TCP). */
    int tcpFlags;
    boolean ipv6FragmentHeader;
    boolean arp;

    /**
     * Points this view at a frame. A length reaching past the segment is cut to the segment (a
     * view never reads outside its memory); the previous frame's parse state is cleared.
     */
    public PacketView wrap(MemorySegment segment, long offset, int length) {
        long room = segment.byteSize() - offset;
        this.seg = segment;
        this.base = offset < 0 ? 0 : offset;
        this.length = offset < 0 || room <= 0 || length <= 0 ? 0 : (int) Math.min(length, room);
        FrameParser.reset(this);
        return this;
    }

    /** Parses the wrapped frame and returns a {@link ParseResult} code (also kept in {@link #result()}). */
    public int parse() {
        FrameParser.reset(this);
        return result = FrameParser.parseL2(this);
    }

    // ---------------------------------------------------------------- frame and offsets

    public MemorySegment segment() {
        return seg;
    }

    /** Where the frame starts in {@link #segment()}: add an offset below to address a header. */
    public long base() {
        return base;
    }

    public int length() {
        return length;
    }

    /** The code the last {@link #parse()} returned (-1 before the first parse of this frame). */
    public int result() {
        return result;
    }

    public int l2Offset() {
        return 0;
    }

    /** Offset of the header after Ethernet (IP, ARP, or whatever the EtherType says), or -1. */
    public int l3Offset() {
        return l3;
    }

    /** Offset of the TCP / UDP / ICMP / ICMPv6 header, or -1 (other protocols, non-first fragments). */
    public int l4Offset() {
        return l4;
    }

    /** Offset of the first byte after the last header this view decoded, or -1. */
    public int payloadOffset() {
        return payload;
    }

    /** End of the IP datagram (total length from the IP header; Ethernet padding excluded), or 0. */
    public int ipEnd() {
        return ipEnd;
    }

    /** Bytes of the L4 message (header + data) the L4 checksum covers, or 0 without an L4 header. */
    public int l4Length() {
        return l4 < 0 ? 0 : l4End - l4;
    }

    /** Bytes after {@link #payloadOffset()}: up to the IP / UDP end for IP, to the frame end otherwise. */
    public int payloadLength() {
        return payload < 0 ? 0 : (ipVersion != 0 ? l4End : length) - payload;
    }

    // ---------------------------------------------------------------- Ethernet

    public int etherType() {
        return etherType;
    }

    /** The 802.1Q tag control information (PCP, DEI, VID), or -1 when untagged. */
    public int vlanTci() {
        return vlanTci;
    }

    public int vlanId() {
        return vlanTci < 0 ? NONE : vlanTci & 0x0fff;
    }

    public int vlanPcp() {
        return vlanTci < 0 ? NONE : vlanTci >>> 13;
    }

    public long ethDst() {
        return l3 < 0 ? 0 : u48(seg, base);
    }

    public long ethSrc() {
        return l3 < 0 ? 0 : u48(seg, base + 6);
    }

    // ---------------------------------------------------------------- ARP (valid when isArp())

    public boolean isArp() {
        return arp;
    }

    public int arpOp() {
        return arp ? u16(seg, base + l3 + 6) : 0;
    }

    public long arpSha() {
        return arp ? u48(seg, base + l3 + 8) : 0;
    }

    public int arpSpa() {
        return arp ? i32(seg, base + l3 + 14) : 0;
    }

    public long arpTha() {
        return arp ? u48(seg, base + l3 + 18) : 0;
    }

    public int arpTpa() {
        return arp ? i32(seg, base + l3 + 24) : 0;
    }

    // ---------------------------------------------------------------- IP

    /** 4 or 6 when an IP header parsed, else 0. */
    public int ipVersion() {
        return ipVersion;
    }

    /** The upper-layer protocol (after IPv6 extension headers), or -1 when not IP. */
    public int ipProtocol() {
        return ipProtocol;
    }

    public int ipv4Src() {
        return ipVersion == 4 ? i32(seg, base + l3 + 12) : 0;
    }

    public int ipv4Dst() {
        return ipVersion == 4 ? i32(seg, base + l3 + 16) : 0;
    }

    public long ipv6SrcHi() {
        return ipVersion == 6 ? i64(seg, base + l3 + 8) : 0;
    }

    public long ipv6SrcLo() {
        return ipVersion == 6 ? i64(seg, base + l3 + 16) : 0;
    }

    public long ipv6DstHi() {
        return ipVersion == 6 ? i64(seg, base + l3 + 24) : 0;
    }

    public long ipv6DstLo() {
        return ipVersion == 6 ? i64(seg, base + l3 + 32) : 0;
    }

    /** IPv4 TTL or IPv6 hop limit, or -1. */
    public int ipTtl() {
        return ipVersion == 4 ? u8(seg, base + l3 + 8) : ipVersion == 6 ? u8(seg, base + l3 + 7) : NONE;
    }

    /** The IPv4 TOS / IPv6 traffic class byte (DSCP and ECN), or 0 when not IP. */
    public int ipTrafficClass() {
        return ipVersion == 4 ? u8(seg, base + l3 + 1) : ipVersion == 6 ? (u16(seg, base + l3) >>> 4) & 0xff : 0;
    }

    public int ipDscp() {
        return ipTrafficClass() >>> 2;
    }

    public int ipEcn() {
        return ipTrafficClass() & 3;
    }

    public int ipv4Id() {
        return ipVersion == 4 ? u16(seg, base + l3 + 4) : 0;
    }

    public int ipv6FlowLabel() {
        return ipVersion == 6 ? i32(seg, base + l3) & 0x000f_ffff : 0;
    }

    /** True for any fragment but a whole datagram (more-fragments set or a non-zero offset). */
    public boolean isFragment() {
        return frag != 0;
    }

    /** True for the fragment at offset 0 of a fragmented datagram: it holds the L4 header. */
    public boolean isFirstFragment() {
        return frag == 1;
    }

    /** Fragment offset in 8-byte units (0 for a first fragment and for whole datagrams). */
    public int fragmentOffset() {
        return frag >>> 1;
    }

    /** True when an IPv6 fragment header was seen, including an atomic fragment (RFC 6946). */
    public boolean hasIpv6FragmentHeader() {
        return ipv6FragmentHeader;
    }

    // ---------------------------------------------------------------- L4

    /** True for TCP and UDP, the protocols with ports. */
    public boolean hasPorts() {
        return l4Type == L4_TCP || l4Type == L4_UDP;
    }

    public boolean isTcp() {
        return l4Type == L4_TCP;
    }

    public boolean isUdp() {
        return l4Type == L4_UDP;
    }

    /** True for ICMP over IPv4 and ICMPv6 over IPv6 with a full 8-byte header. */
    public boolean isIcmp() {
        return l4Type >= L4_ICMP;
    }

    public int srcPort() {
        return hasPorts() ? u16(seg, base + l4) : 0;
    }

    public int dstPort() {
        return hasPorts() ? u16(seg, base + l4 + 2) : 0;
    }

    /** The eight TCP flag bits ({@link TcpFlags}) as parsed, or 0 when not TCP. */
    public int tcpFlags() {
        return tcpFlags;
    }

    public long tcpSeq() {
        return l4Type == L4_TCP ? u32(seg, base + l4 + 4) : 0;
    }

    public long tcpAck() {
        return l4Type == L4_TCP ? u32(seg, base + l4 + 8) : 0;
    }

    /** TCP header length in bytes (data offset x 4), or 0. */
    public int tcpHeaderLength() {
        return l4Type == L4_TCP ? payload - l4 : 0;
    }

    public int tcpWindow() {
        return l4Type == L4_TCP ? u16(seg, base + l4 + 14) : 0;
    }

    public int icmpType() {
        return l4Type >= L4_ICMP ? u8(seg, base + l4) : NONE;
    }

    public int icmpCode() {
        return l4Type >= L4_ICMP ? u8(seg, base + l4 + 1) : NONE;
    }

    /** True for ICMP echo request/reply (8/0) and ICMPv6 echo request/reply (128/129). */
    public boolean isIcmpEcho() {
        if (l4Type < L4_ICMP) {
            return false;
        }
        int type = u8(seg, base + l4);
        return l4Type == L4_ICMP ? (type == 8 || type == 0) : (type == 128 || type == 129);
    }

    public int icmpEchoId() {
        return isIcmpEcho() ? u16(seg, base + l4 + 4) : NONE;
    }

    public int icmpEchoSeq() {
        return isIcmpEcho() ? u16(seg, base + l4 + 6) : NONE;
    }

    /**
     * Fills {@code key} with this packet's 5-tuple (IPv4 stored IPv4-mapped; ports 0 for protocols
     * without ports and for non-first fragments). Returns false, and zeroes the key, when the
     * frame has no IP header.
     */
    public boolean extractKey(FlowKey key) {
        // One load for both ports and, for IPv4, one for both addresses: fewer bounds checks on
        // the per-packet path.
        int ports = hasPorts() ? i32(seg, base + l4) : 0;
        if (ipVersion == 4) {
            long addresses = i64(seg, base + l3 + 12);
            key.setV4((int) (addresses >>> 32), (int) addresses, ipProtocol, ports >>> 16, ports & 0xffff);
            return true;
        }
        if (ipVersion == 6) {
            key.setV6(ipv6SrcHi(), ipv6SrcLo(), ipv6DstHi(), ipv6DstLo(), ipProtocol, ports >>> 16, ports & 0xffff);
            return true;
        }
        key.setV6(0, 0, 0, 0, 0, 0, 0);
        return false;
    }

    // ---------------------------------------------------------------- in-place rewrites
    // A setter changes its field only when that layer parsed, and repairs every checksum that
    // covers the field incrementally (HeaderRewriter). A non-first fragment has no L4 header:
    // only its IP header changes.

    public void setEthDst(long mac) {
        HeaderRewriter.ethAddress(this, 0, mac);
    }

    public void setEthSrc(long mac) {
        HeaderRewriter.ethAddress(this, 6, mac);
    }

    /** Sets the VLAN id of a tagged frame (no effect when untagged). */
    public void setVlanId(int vid) {
        HeaderRewriter.vlanTci(this, (vlanTci & 0xf000) | (vid & 0x0fff));
    }

    /** Sets the VLAN priority of a tagged frame (no effect when untagged). */
    public void setVlanPcp(int pcp) {
        HeaderRewriter.vlanTci(this, (vlanTci & 0x1fff) | ((pcp & 7) << 13));
    }

    /** Sets the IPv4 source, fixing the IPv4 header checksum and the TCP / UDP checksum. */
    public void setIpv4Src(int addr) {
        HeaderRewriter.ipv4Address(this, 12, addr, 0, NONE);
    }

    /** Sets the IPv4 destination, fixing the IPv4 header checksum and the TCP / UDP checksum. */
    public void setIpv4Dst(int addr) {
        HeaderRewriter.ipv4Address(this, 16, addr, 2, NONE);
    }

    /** Sets the IPv6 source, fixing the TCP / UDP / ICMPv6 checksum. */
    public void setIpv6Src(long hi, long lo) {
        HeaderRewriter.ipv6Address(this, 8, hi, lo, 0, NONE);
    }

    /** Sets the IPv6 destination, fixing the TCP / UDP / ICMPv6 checksum. */
    public void setIpv6Dst(long hi, long lo) {
        HeaderRewriter.ipv6Address(this, 24, hi, lo, 2, NONE);
    }

    /**
     * NAT's destination rewrite: the IPv4 destination and, for TCP / UDP when {@code port >= 0},
     * the destination port, updating each checksum once for both (cheaper than two setters).
     */
    public void setIpv4DstAndPort(int addr, int port) {
        HeaderRewriter.ipv4Address(this, 16, addr, 2, port);
    }

    /** NAT's source rewrite of an answer: as {@link #setIpv4DstAndPort} for the source address and port. */
    public void setIpv4SrcAndPort(int addr, int port) {
        HeaderRewriter.ipv4Address(this, 12, addr, 0, port);
    }

    /** As {@link #setIpv4DstAndPort} for IPv6. */
    public void setIpv6DstAndPort(long hi, long lo, int port) {
        HeaderRewriter.ipv6Address(this, 24, hi, lo, 2, port);
    }

    /** As {@link #setIpv4SrcAndPort} for IPv6. */
    public void setIpv6SrcAndPort(long hi, long lo, int port) {
        HeaderRewriter.ipv6Address(this, 8, hi, lo, 0, port);
    }

    /** Sets the TCP / UDP source port (no effect for other protocols). */
    public void setSrcPort(int port) {
        HeaderRewriter.port(this, 0, port);
    }

    /** Sets the TCP / UDP destination port (no effect for other protocols). */
    public void setDstPort(int port) {
        HeaderRewriter.port(this, 2, port);
    }

    /** Sets the IPv4 TTL (fixing the header checksum) or the IPv6 hop limit. */
    public void setIpTtl(int ttl) {
        HeaderRewriter.ttl(this, ttl);
    }

    /**
     * Decrements the TTL / hop limit as a router does. Returns the new value, or -1 when the frame
     * is not IP or the TTL is already 0 (nothing is written; dropping or reporting is the caller's).
     */
    public int decTtl() {
        int ttl = ipTtl();
        if (ttl <= 0) {
            return NONE;
        }
        HeaderRewriter.ttl(this, ttl - 1);
        return ttl - 1;
    }

    /** Sets the DSCP bits of the IPv4 TOS / IPv6 traffic class (fixing the IPv4 header checksum). */
    public void setIpDscp(int dscp) {
        HeaderRewriter.trafficClass(this, 0x03, (dscp & 0x3f) << 2);
    }

    /** Sets the ECN bits of the IPv4 TOS / IPv6 traffic class (fixing the IPv4 header checksum). */
    public void setIpEcn(int ecn) {
        HeaderRewriter.trafficClass(this, 0xfc, ecn & 3);
    }

    /** Offset of the L4 checksum field (TCP, UDP, ICMP, ICMPv6), or -1. */
    int l4ChecksumOffset() {
        return l4Type == L4_ICMP ? l4 + 2 : pseudoChecksum;
    }
}
