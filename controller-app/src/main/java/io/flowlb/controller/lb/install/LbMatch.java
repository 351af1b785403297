package io.flowlb.controller.lb.install;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;

/**
 * The fields a load-balancer flow matches on, as plain values: {@code null} or {@link #ANY}
 * leaves a field wildcarded. Prerequisites (ARP or IP ethertype, IP protocol before ports) are
 * implied by the fields set and added by the encoder.
 *
 * <p>Addresses of either family: an IPv4 {@code ipDst} matches {@code ipv4_dst}, an IPv6 one
 * {@code ipv6_dst}; the ethertype follows. ICMP type means ICMPv4 or ICMPv6 by the family of the
 * addresses (or {@code ethType}).
 *
 * @param ethType 0x0800, 0x86dd, 0x0806 or {@link #ANY}
 * @param ethDst destination MAC or null
 * @param ipProto IP protocol or {@link #ANY}
 * @param ipSrc IP source or null
 * @param ipDst IP destination or null
 * @param tpSrc TCP/UDP/SCTP source port or {@link #ANY}
 * @param tpDst TCP/UDP/SCTP destination port or {@link #ANY}
 * @param arpOp ARP operation or {@link #ANY}
 * @param arpSpa ARP sender protocol address or null
 * @param arpTpa ARP target protocol address or null
 * @param icmpType ICMP or ICMPv6 type or {@link #ANY}
 * @param ndTarget IPv6 neighbor discovery target or null
 * @param pureSyn TCP segments with SYN set and ACK clear only (the first segment of a
 *                connection; {@code tcp_flags=+syn-ack}, an Open vSwitch extension in OpenFlow 1.3)
 *
 * <p>Thread safety: immutable.
 */
public record LbMatch(int ethType, MacAddress ethDst, int ipProto, IpAddress ipSrc, IpAddress ipDst, int tpSrc,
                      int tpDst, int arpOp, IpAddress arpSpa, IpAddress arpTpa, int icmpType, IpAddress ndTarget,
                      boolean pureSyn) {
    public static final int ANY = -1;
    public static final int ETH_IPV4 = 0x0800;
    public static final int ETH_IPV6 = 0x86dd;
    public static final int ETH_ARP = 0x0806;
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;
    public static final int ARP_REQUEST = 1;
    public static final int ICMP_ECHO_REQUEST = 8;
    public static final int ICMPV6_ECHO_REQUEST = 128;
    public static final int ND_SOLICITATION = 135;
    public static final int ND_ADVERTISEMENT = 136;

    private static final LbMatch NONE = new LbMatch(ANY, null, ANY, null, null, ANY, ANY, ANY, null, null, ANY, null,
            false);

    /** IP packets of {@code address}'s family to {@code address}. */
    public static LbMatch ipTo(IpAddress address) {
        return NONE.with(familyOf(address), null, ANY, null, address, ANY, ANY);
    }

    /** IP packets of {@code address}'s family from {@code address}. */
    public static LbMatch ipFrom(IpAddress address) {
        return NONE.with(familyOf(address), null, ANY, address, null, ANY, ANY);
    }

    /** ARP packets (any operation, any address). */
    public static LbMatch arp() {
        return ethType(ETH_ARP);
    }

    /** Every frame of one ethertype. */
    public static LbMatch ethType(int type) {
        return NONE.with(type, null, ANY, null, null, ANY, ANY);
    }

    /** The ethertype of an address family: IPv4 or IPv6. */
    public static int familyOf(IpAddress address) {
        return address.isV4() ? ETH_IPV4 : ETH_IPV6;
    }

    private LbMatch with(int type, MacAddress dst, int proto, IpAddress src, IpAddress ipd, int sport, int dport) {
        return new LbMatch(type, dst, proto, src, ipd, sport, dport, arpOp, arpSpa, arpTpa, icmpType, ndTarget, pureSyn);
    }

    public LbMatch ethDst(MacAddress mac) {
        return with(ethType, mac, ipProto, ipSrc, ipDst, tpSrc, tpDst);
    }

    /** Restricts to IP protocol {@code proto}; {@link #ANY} (or the model's protocol 0) leaves it open. */
    public LbMatch ipProto(int proto) {
        return with(ethType, ethDst, proto <= 0 ? ANY : proto, ipSrc, ipDst, tpSrc, tpDst);
    }

    public LbMatch ipSrc(IpAddress address) {
        return with(ethType, ethDst, ipProto, address, ipDst, tpSrc, tpDst);
    }

    public LbMatch ipDst(IpAddress address) {
        return with(ethType, ethDst, ipProto, ipSrc, address, tpSrc, tpDst);
    }

    /** Restricts the source port; 0 or {@link #ANY} leaves it open. */
    public LbMatch tpSrc(int port) {
        return with(ethType, ethDst, ipProto, ipSrc, ipDst, port <= 0 ? ANY : port, tpDst);
    }

    /** Restricts the destination port; 0 or {@link #ANY} leaves it open. */
    public LbMatch tpDst(int port) {
        return with(ethType, ethDst, ipProto, ipSrc, ipDst, tpSrc, port <= 0 ? ANY : port);
    }

    public LbMatch arpOp(int op) {
        return new LbMatch(ethType, ethDst, ipProto, ipSrc, ipDst, tpSrc, tpDst, op, arpSpa, arpTpa, icmpType, ndTarget, pureSyn);
    }

    public LbMatch arpSpa(IpAddress a) {
        return new LbMatch(ethType, ethDst, ipProto, ipSrc, ipDst, tpSrc, tpDst, arpOp, a, arpTpa, icmpType, ndTarget, pureSyn);
    }

    public LbMatch arpTpa(IpAddress a) {
        return new LbMatch(ethType, ethDst, ipProto, ipSrc, ipDst, tpSrc, tpDst, arpOp, arpSpa, a, icmpType, ndTarget, pureSyn);
    }

    /** ICMP (IPv4) or ICMPv6 (IPv6) of this type; sets the IP protocol of the family. */
    public LbMatch icmpType(int type) {
        int proto = ethType == ETH_IPV6 ? PROTO_ICMPV6 : PROTO_ICMP;
        return new LbMatch(ethType, ethDst, proto, ipSrc, ipDst, tpSrc, tpDst, arpOp, arpSpa, arpTpa, type, ndTarget, pureSyn);
    }

    public LbMatch ndTarget(IpAddress target) {
        return new LbMatch(ethType, ethDst, ipProto, ipSrc, ipDst, tpSrc, tpDst, arpOp, arpSpa, arpTpa, icmpType, target, pureSyn);
    }

    /** Restricts to TCP segments opening a connection: SYN without ACK. */
    public LbMatch openingSyn() {
        return new LbMatch(ethType, ethDst, PROTO_TCP, ipSrc, ipDst, tpSrc, tpDst, arpOp, arpSpa, arpTpa, icmpType,
                ndTarget, true);
    }

    public boolean isV6() {
        return ethType == ETH_IPV6;
    }

    /** The match in the ovs-ofctl style, for logs and test messages. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        field(b, "eth_type", ethType == ANY ? null : "0x" + Integer.toHexString(ethType));
        field(b, "eth_dst", ethDst);
        field(b, "ip_proto", ipProto == ANY ? null : ipProto);
        field(b, "ip_src", ipSrc);
        field(b, "ip_dst", ipDst);
        field(b, "tp_src", tpSrc == ANY ? null : tpSrc);
        field(b, "tp_dst", tpDst == ANY ? null : tpDst);
        field(b, "arp_op", arpOp == ANY ? null : arpOp);
        field(b, "arp_spa", arpSpa);
        field(b, "arp_tpa", arpTpa);
        field(b, "icmp_type", icmpType == ANY ? null : icmpType);
        field(b, "nd_target", ndTarget);
        field(b, "tcp_flags", pureSyn ? "+syn-ack" : null);
        return b.isEmpty() ? "any" : b.toString();
    }

    private static void field(StringBuilder b, String name, Object value) {
        if (value != null) {
            b.append(b.isEmpty() ? "" : ",").append(name).append('=').append(value);
        }
    }
}
