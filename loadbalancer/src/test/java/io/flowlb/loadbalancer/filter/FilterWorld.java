package io.flowlb.loadbalancer.filter;

import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ConnectionPolicy;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.IpProtocol;

/**
 * The configuration and the frames of the packet filter's fixtures: a small lab with NAT and DSR
 * VIPs over IPv4 and IPv6, and a {@link Pkt} description that builds any frame of it with correct
 * checksums, so that an expected output frame is computed from scratch, never by the code under test.
 *
 * <p>Addresses come from the documentation ranges (RFC 5737, RFC 3849), MACs are locally administered.
 */
final class FilterWorld {
    static final long CLIENT_MAC = 0x0200_0000_0001L;
    static final long ROUTER_MAC = 0x0200_0000_00feL;
    static final IpAddress CLIENT = IpAddress.parse("192.0.2.10");
    static final IpAddress CLIENT2 = IpAddress.parse("192.0.2.11");
    static final IpAddress CLIENT6 = IpAddress.parse("2001:db8:c::10");
    static final IpAddress CONTROL = IpAddress.parse("198.51.100.254");
    static final IpAddress ELSEWHERE = IpAddress.parse("192.0.2.99");

    /** NAT: TCP 80 (members port 8080) and UDP 53; no ICMP service. */
    static final IpAddress NAT4 = IpAddress.parse("198.51.100.1");
    static final IpAddress NAT6 = IpAddress.parse("2001:db8:f::1");
    /** DSR on every protocol (TCP, UDP, ICMP, ESP...). */
    static final IpAddress DSR4 = IpAddress.parse("198.51.100.2");
    static final IpAddress DSR6 = IpAddress.parse("2001:db8:f::2");
    /** NAT, TCP 80, strict mid-connection policy. */
    static final IpAddress STRICT4 = IpAddress.parse("198.51.100.3");
    static final IpAddress STRICT6 = IpAddress.parse("2001:db8:f::3");
    /** NAT for ICMP / ICMPv6 only: echo through NAT by address. */
    static final IpAddress PING4 = IpAddress.parse("198.51.100.4");
    static final IpAddress PING6 = IpAddress.parse("2001:db8:f::4");
    /** NAT, TCP 80, a pool without members. */
    static final IpAddress EMPTY4 = IpAddress.parse("198.51.100.5");
    /** DSR, TCP 80, one member whose MAC is not known. */
    static final IpAddress NOMAC4 = IpAddress.parse("198.51.100.6");

    static final IpAddress WEB_A = IpAddress.parse("203.0.113.11");
    static final IpAddress WEB_B = IpAddress.parse("203.0.113.12");
    static final long WEB_A_MAC = 0x0200_0000_0111L;
    static final long WEB_B_MAC = 0x0200_0000_0112L;
    static final IpAddress WEB6_A = IpAddress.parse("2001:db8:b::11");
    static final long WEB6_A_MAC = 0x0200_0000_0611L;
    static final IpAddress DSR_A = IpAddress.parse("203.0.113.21");
    static final long DSR_A_MAC = 0x0200_0000_0121L;
    static final IpAddress DSR6_A = IpAddress.parse("2001:db8:b::21");
    static final long DSR6_A_MAC = 0x0200_0000_0621L;
    static final IpAddress STRICT_A = IpAddress.parse("203.0.113.31");
    static final IpAddress STRICT6_A = IpAddress.parse("2001:db8:b::31");
    static final long STRICT_A_MAC = 0x0200_0000_0131L;
    static final IpAddress PING_A = IpAddress.parse("203.0.113.41");
    static final IpAddress PING6_A = IpAddress.parse("2001:db8:b::41");
    static final long PING_A_MAC = 0x0200_0000_0141L;
    static final IpAddress NOMAC_A = IpAddress.parse("203.0.113.61");

    static final PoolId WEB4_POOL = PoolId.of("web4");
    static final MemberId WEB_A_ID = MemberId.of("web-a");
    static final MemberId WEB_B_ID = MemberId.of("web-b");

    private FilterWorld() {
    }

    /** Every VIP of the lab, each web pool with member A only. */
    static LbConfig config() {
        LbConfig c = LbConfig.EMPTY;
        c = nat(c, "web4", NAT4, Protocol.TCP, 80, member("web-a", WEB4_POOL, WEB_A, 8080, WEB_A_MAC));
        c = nat(c, "dns4", NAT4, Protocol.UDP, 53, member("dns-a", PoolId.of("dns4"), WEB_A, 0, WEB_A_MAC));
        c = nat(c, "web6", NAT6, Protocol.TCP, 80, member("web6-a", PoolId.of("web6"), WEB6_A, 8080, WEB6_A_MAC));
        c = nat(c, "dns6", NAT6, Protocol.UDP, 53, member("dns6-a", PoolId.of("dns6"), WEB6_A, 0, WEB6_A_MAC));
        c = dsr(c, "any4", DSR4, member("dsr-a", PoolId.of("any4"), DSR_A, 0, DSR_A_MAC));
        c = dsr(c, "any6", DSR6, member("dsr6-a", PoolId.of("any6"), DSR6_A, 0, DSR6_A_MAC));
        c = nat(c, "strict4", STRICT4, Protocol.TCP, 80, member("strict-a", PoolId.of("strict4"), STRICT_A, 8080, STRICT_A_MAC));
        c = c.withVip(c.vip(VipId.of("strict4")).withConnectionPolicy(ConnectionPolicy.STRICT));
        c = nat(c, "strict6", STRICT6, Protocol.TCP, 80, member("strict6-a", PoolId.of("strict6"), STRICT6_A, 8080, STRICT_A_MAC));
        c = c.withVip(c.vip(VipId.of("strict6")).withConnectionPolicy(ConnectionPolicy.STRICT));
        c = nat(c, "ping4", PING4, Protocol.ICMP, 0, member("ping-a", PoolId.of("ping4"), PING_A, 0, PING_A_MAC));
        c = nat(c, "ping6", PING6, Protocol.ICMPV6, 0, member("ping6-a", PoolId.of("ping6"), PING6_A, 0, PING_A_MAC));
        c = c.withPool(Pool.of(PoolId.of("empty4")))
                .withVip(Vip.of(VipId.of("empty4"), EMPTY4, Protocol.TCP, 80).withPool(PoolId.of("empty4")));
        c = c.withPool(Pool.of(PoolId.of("nomac4")))
                .withVip(Vip.of(VipId.of("nomac4"), NOMAC4, Protocol.TCP, 80).withMode(ForwardingMode.DSR)
                        .withPool(PoolId.of("nomac4")))
                .withMember(Member.of(MemberId.of("nomac-a"), PoolId.of("nomac4"), NOMAC_A, 0));
        return c;
    }

    /** {@link #config()} with member B in the IPv4 web pool and member A in {@code stateOfA}. */
    static LbConfig withWebB(AdminState stateOfA) {
        LbConfig c = config();
        return c.withMember(c.member(WEB_A_ID).withAdminState(stateOfA))
                .withMember(member("web-b", WEB4_POOL, WEB_B, 8080, WEB_B_MAC));
    }

    private static LbConfig nat(LbConfig c, String id, IpAddress address, Protocol protocol, int port, Member m) {
        return c.withPool(Pool.of(m.poolId()))
                .withVip(Vip.of(VipId.of(id), address, protocol, port).withPool(m.poolId()))
                .withMember(m);
    }

    private static LbConfig dsr(LbConfig c, String id, IpAddress address, Member m) {
        return c.withPool(Pool.of(m.poolId()))
                .withVip(Vip.of(VipId.of(id), address, Protocol.ANY, 0).withMode(ForwardingMode.DSR).withPool(m.poolId()))
                .withMember(m);
    }

    private static Member member(String id, PoolId pool, IpAddress address, int port, long mac) {
        return Member.of(MemberId.of(id), pool, address, port).withMac(new MacAddress(mac));
    }

    /** The MAC a VIP answers with (what the configuration derives from its address). */
    static long vipMac(IpAddress vip) {
        return Vip.of(VipId.of("any"), vip, Protocol.TCP, 80).effectiveMac().value();
    }

    /**
     * One packet of the lab. {@code flags} are the TCP flags; for ICMP, 1 makes an echo request and
     * 0 an echo reply, {@code srcPort} and {@code dstPort} its identifier and sequence number.
     */
    record Pkt(long ethDst, long ethSrc, IpAddress src, IpAddress dst, int protocol, int srcPort, int dstPort,
               int flags) {

        static Pkt tcp(IpAddress client, IpAddress vip, int port, int flags) {
            return new Pkt(vipMac(vip), CLIENT_MAC, client, vip, IpProtocol.TCP, 40000, port, flags);
        }

        static Pkt udp(IpAddress client, IpAddress vip, int port) {
            return new Pkt(vipMac(vip), CLIENT_MAC, client, vip, IpProtocol.UDP, 40000, port, 0);
        }

        static Pkt ping(IpAddress client, IpAddress vip) {
            int protocol = client.isV4() ? IpProtocol.ICMP : IpProtocol.ICMPV6;
            return new Pkt(vipMac(vip), CLIENT_MAC, client, vip, protocol, 0x1234, 7, 1);
        }

        static Pkt esp(IpAddress client, IpAddress vip) {
            return new Pkt(vipMac(vip), CLIENT_MAC, client, vip, IpProtocol.ESP, 0, 0, 0);
        }

        Pkt toMac(long mac) {
            return new Pkt(mac, ethSrc, src, dst, protocol, srcPort, dstPort, flags);
        }

        Pkt fromMac(long mac) {
            return new Pkt(ethDst, mac, src, dst, protocol, srcPort, dstPort, flags);
        }

        Pkt to(IpAddress address, int port) {
            return new Pkt(ethDst, ethSrc, src, address, protocol, srcPort, port, flags);
        }

        Pkt from(IpAddress address, int port) {
            return new Pkt(ethDst, ethSrc, address, dst, protocol, port, dstPort, flags);
        }

        Pkt flags(int tcpFlags) {
            return new Pkt(ethDst, ethSrc, src, dst, protocol, srcPort, dstPort, tcpFlags);
        }

        /** The answer direction: addresses, ports and MACs swapped (an ICMP echo request becomes a reply). */
        Pkt reversed() {
            boolean icmp = protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMPV6;
            return new Pkt(ethSrc, ethDst, dst, src, protocol, icmp ? srcPort : dstPort, icmp ? dstPort : srcPort,
                    icmp ? 0 : flags);
        }

        FrameBuilder builder() {
            FrameBuilder b = FrameBuilder.ethernet(ethDst, ethSrc);
            if (src.isV4()) {
                b.ipv4(src.v4(), dst.v4());
            } else {
                b.ipv6(src.hi(), src.lo(), dst.hi(), dst.lo());
            }
            switch (protocol) {
                case IpProtocol.TCP -> b.tcp(srcPort, dstPort, 1000, 2000, flags);
                case IpProtocol.UDP -> b.udp(srcPort, dstPort);
                case IpProtocol.ICMP, IpProtocol.ICMPV6 -> b.icmpEcho(flags == 1, srcPort, dstPort);
                default -> b.protocol(protocol);
            }
            return b.payload(10);
        }

        byte[] frame() {
            return builder().build();
        }
    }
}
