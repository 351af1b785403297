package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.putI32;
import static io.flowlb.loadbalancer.packet.BigEndian.putU16;
import static io.flowlb.loadbalancer.packet.BigEndian.putU48;
import static io.flowlb.loadbalancer.packet.BigEndian.putU8;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Builds whole Ethernet frames from parameters: ARP, IPv4 (options, fragments), IPv6 (extension
 * headers, fragments), TCP, UDP, ICMP, ICMPv6, or any other IP protocol as raw payload. Checksums
 * are computed unless told otherwise; fields can be overridden to build malformed frames.
 *
 * <p>Design: a plain fluent builder for tests, health probes and the control plane. It allocates
 * (a {@code byte[]} per frame and small arrays for options) and is not meant for the per-packet
 * path; the per-packet builders ({@link ArpReplies}, {@link TcpResets}, {@link IcmpEchoReplies},
 * {@link NeighborAdvertisements}) write into caller memory instead.
 *
 * <p>Thread safety: none; build a frame on one thread.
 */
public final class FrameBuilder {
    static final int L3_RAW = 0;
    static final int L3_ARP = 1;
    static final int L3_IPV4 = 4;
    static final int L3_IPV6 = 6;
    static final int NO_L4 = -1;

    // Package-private state: FrameAssembler lays it out.

    final long ethDst;
    final long ethSrc;
    int vlanTci = -1;
    int etherType = -1;
    int l3Kind = L3_RAW;
    long[] arpFields;
    int v4Src;
    int v4Dst;
    long v6SrcHi;
    long v6SrcLo;
    long v6DstHi;
    long v6DstLo;
    int ttl = HeaderWriter.DEFAULT_TTL;
    int trafficClass;
    int flowLabel;
    int identification;
    int flags;
    int fragOffset;
    boolean moreFragments;
    byte[] ipv4Options = new byte[0];
    int[] extTypes = new int[0];
    int[] extLengths = new int[0];
    int protocol = NO_L4;
    int l4Kind = NO_L4;
    int srcPort;
    int dstPort;
    long seq;
    long ack;
    int tcpFlags;
    int window = 65535;
    byte[] tcpOptions = new byte[0];
    int icmpTypeCode;
    int icmpRest;
    byte[] payload = new byte[0];
    boolean checksumPartial;
    boolean noUdpChecksum;
    int ipLengthOverride = -1;
    int ihlOverride = -1;
    int versionOverride = -1;
    int padTo;

    private FrameBuilder(long dst, long src) {
        this.ethDst = dst;
        this.ethSrc = src;
    }

    /** Starts a frame with these MAC addresses (low 48 bits). */
    public static FrameBuilder ethernet(long dst, long src) {
        return new FrameBuilder(dst, src);
    }

    /** Adds one 802.1Q tag. */
    public FrameBuilder vlan(int vid, int pcp) {
        vlanTci = ((pcp & 7) << 13) | (vid & 0x0fff);
        return this;
    }

    /** Sets the EtherType; without an L3 call the payload follows the Ethernet header as is. */
    public FrameBuilder etherType(int type) {
        etherType = type;
        return this;
    }

    public FrameBuilder arp(int op, long sha, int spa, long tha, int tpa) {
        l3Kind = L3_ARP;
        arpFields = new long[] {op, sha, spa, tha, tpa};
        return this;
    }

    public FrameBuilder ipv4(int src, int dst) {
        l3Kind = L3_IPV4;
        v4Src = src;
        v4Dst = dst;
        return this;
    }

    public FrameBuilder ipv6(long srcHi, long srcLo, long dstHi, long dstLo) {
        l3Kind = L3_IPV6;
        v6SrcHi = srcHi;
        v6SrcLo = srcLo;
        v6DstHi = dstHi;
        v6DstLo = dstLo;
        return this;
    }

    /** IPv4 TTL or IPv6 hop limit (default 64). */
    public FrameBuilder ttl(int value) {
        ttl = value;
        return this;
    }

    /** IPv4 TOS / IPv6 traffic class byte (DSCP << 2 | ECN). */
    public FrameBuilder trafficClass(int value) {
        trafficClass = value;
        return this;
    }

    public FrameBuilder flowLabel(int value) {
        flowLabel = value;
        return this;
    }

    /** IPv4 identification, or the IPv6 fragment header's identification. */
    public FrameBuilder identification(int id) {
        identification = id;
        return this;
    }

    public FrameBuilder dontFragment() {
        flags |= 0x4000;
        return this;
    }

    /**
     * Marks the packet a fragment: IPv4 flags and offset, or (IPv6) an 8-byte fragment header
     * appended to the extension headers given so far. The builder still writes any L4 header
     * asked for; leave it out (use {@link #protocol}) for a non-first fragment.
     */
    public FrameBuilder fragment(int offsetBytes, boolean more) {
        fragOffset = offsetBytes >>> 3;
        moreFragments = more;
        if (l3Kind == L3_IPV6) {
            ipv6Extension(IpProtocol.FRAGMENT, 8);
        }
        return this;
    }

    /** IPv4 options (a multiple of 4 bytes, at most 40). */
    public FrameBuilder ipv4Options(byte[] options) {
        ipv4Options = options.clone();
        return this;
    }

    /**
     * Appends an IPv6 extension header of {@code type} (hop-by-hop, routing, destination options:
     * a multiple of 8 bytes; AH: a multiple of 4 of at least 12) filled with padding or zeros.
     */
    public FrameBuilder ipv6Extension(int type, int totalLength) {
        extTypes = Arrays.copyOf(extTypes, extTypes.length + 1);
        extLengths = Arrays.copyOf(extLengths, extLengths.length + 1);
        extTypes[extTypes.length - 1] = type;
        extLengths[extLengths.length - 1] = totalLength;
        return this;
    }

    public FrameBuilder tcp(int sport, int dport, long seqNo, long ackNo, int flagBits) {
        setL4(IpProtocol.TCP, sport, dport);
        seq = seqNo;
        ack = ackNo;
        tcpFlags = flagBits;
        return this;
    }

    public FrameBuilder tcpWindow(int value) {
        window = value;
        return this;
    }

    /** TCP options (a multiple of 4 bytes, at most 40). */
    public FrameBuilder tcpOptions(byte[] options) {
        tcpOptions = options.clone();
        return this;
    }

    public FrameBuilder udp(int sport, int dport) {
        setL4(IpProtocol.UDP, sport, dport);
        return this;
    }

    /** An ICMP (over IPv4) or ICMPv6 (over IPv6) header; {@code rest} is its second 32-bit word. */
    public FrameBuilder icmp(int type, int code, int rest) {
        setL4(l3Kind == L3_IPV6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP, 0, 0);
        icmpTypeCode = (type << 8) | code;
        icmpRest = rest;
        return this;
    }

    /** An echo request or reply (ICMP 8/0 or ICMPv6 128/129, by the IP version chosen before). */
    public FrameBuilder icmpEcho(boolean request, int id, int sequence) {
        int type = l3Kind == L3_IPV6 ? (request ? 128 : 129) : (request ? 8 : 0);
        return icmp(type, 0, (id << 16) | (sequence & 0xffff));
    }

    /** An IP protocol for which the builder writes no header: the payload follows the IP headers. */
    public FrameBuilder protocol(int ipProtocol) {
        protocol = ipProtocol;
        l4Kind = NO_L4;
        return this;
    }

    private void setL4(int proto, int sport, int dport) {
        protocol = proto;
        l4Kind = proto;
        srcPort = sport;
        dstPort = dport;
    }

    public FrameBuilder payload(byte[] bytes) {
        payload = bytes.clone();
        return this;
    }

    /** A payload of {@code length} bytes counting 0, 1, 2... (mod 256). */
    public FrameBuilder payload(int length) {
        payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) i;
        }
        return this;
    }

    /** Leaves the L4 checksum as the kernel does for CHECKSUM_PARTIAL: the folded pseudo-header sum. */
    public FrameBuilder checksumPartial() {
        checksumPartial = true;
        return this;
    }

    /** Sends UDP with checksum 0 ("none"; legal over IPv4 only). */
    public FrameBuilder noUdpChecksum() {
        noUdpChecksum = true;
        return this;
    }

    /** Overrides the IPv4 total length or IPv6 payload length field (for malformed fixtures). */
    public FrameBuilder ipLengthField(int value) {
        ipLengthOverride = value;
        return this;
    }

    /** Overrides the IPv4 header length field, in 32-bit words (for malformed fixtures). */
    public FrameBuilder ihlField(int words) {
        ihlOverride = words;
        return this;
    }

    /** Overrides the IP version nibble (for malformed fixtures). */
    public FrameBuilder versionField(int version) {
        versionOverride = version;
        return this;
    }

    /** Pads the frame with zeros to at least this length (60: the Ethernet minimum without FCS). */
    public FrameBuilder padTo(int minLength) {
        padTo = minLength;
        return this;
    }

    /** The frame as a new array. */
    public byte[] build() {
        return FrameAssembler.assemble(this);
    }

    /** Writes the frame at {@code offset} and returns its length. */
    public int writeTo(MemorySegment out, long offset) {
        byte[] frame = build();
        MemorySegment.copy(MemorySegment.ofArray(frame), 0, out, offset, frame.length);
        return frame.length;
    }
}
