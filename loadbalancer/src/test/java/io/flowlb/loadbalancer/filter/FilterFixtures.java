package io.flowlb.loadbalancer.filter;

import static io.flowlb.loadbalancer.filter.FilterReason.ADOPTED;
import static io.flowlb.loadbalancer.filter.FilterReason.ARP_FOR_VIP;
import static io.flowlb.loadbalancer.filter.FilterReason.CONTROL_ADDRESS;
import static io.flowlb.loadbalancer.filter.FilterReason.ECHO_REQUEST;
import static io.flowlb.loadbalancer.filter.FilterReason.ESTABLISHED;
import static io.flowlb.loadbalancer.filter.FilterReason.FRAGMENT;
import static io.flowlb.loadbalancer.filter.FilterReason.MEMBER_MAC_UNKNOWN;
import static io.flowlb.loadbalancer.filter.FilterReason.NAT_REPLY;
import static io.flowlb.loadbalancer.filter.FilterReason.NEW_CONNECTION;
import static io.flowlb.loadbalancer.filter.FilterReason.NOT_FOR_VIP;
import static io.flowlb.loadbalancer.filter.FilterReason.NOT_IP;
import static io.flowlb.loadbalancer.filter.FilterReason.NO_BACKEND;
import static io.flowlb.loadbalancer.filter.FilterReason.NO_CONNECTION;
import static io.flowlb.loadbalancer.filter.FilterReason.NO_ROOM;
import static io.flowlb.loadbalancer.filter.FilterReason.NO_SERVICE;
import static io.flowlb.loadbalancer.filter.FilterReason.RESELECTED;
import static io.flowlb.loadbalancer.filter.FilterReason.SOLICITATION_FOR_VIP;
import static io.flowlb.loadbalancer.filter.FilterRow.row;
import static io.flowlb.loadbalancer.filter.FilterWorld.*;
import static io.flowlb.loadbalancer.packet.TcpFlags.ACK;
import static io.flowlb.loadbalancer.packet.TcpFlags.RST;
import static io.flowlb.loadbalancer.packet.TcpFlags.SYN;

import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.filter.FilterWorld.Pkt;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.IpProtocol;
import io.flowlb.loadbalancer.packet.ParseResult;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packet filter's fixture table (Katran-style: input frame, expected output frame, reason):
 * every verdict and reason, IPv4 and IPv6, NAT and DSR, TCP, UDP, ICMP and ESP.
 */
final class FilterFixtures {
    private static final long BROADCAST = 0xffff_ffff_ffffL;

    private FilterFixtures() {
    }

    static Stream<FilterRow> rows() {
        return Stream.of(forwardNat(), forwardDsr(), connections(), natReplies(), toControl(), replies(), drops(),
                malformed()).flatMap(List::stream);
    }

    static List<FilterRow> forwardNat() {
        Pkt syn4 = Pkt.tcp(CLIENT, NAT4, 80, SYN);
        Pkt syn6 = Pkt.tcp(CLIENT6, NAT6, 80, SYN);
        return List.of(
                row("NAT v4 TCP SYN").input(syn4).forward(NEW_CONNECTION, syn4.toMac(WEB_A_MAC).to(WEB_A, 8080)),
                row("NAT v4 TCP ACK of a known connection").after(syn4).input(syn4.flags(ACK))
                        .forward(ESTABLISHED, syn4.flags(ACK).toMac(WEB_A_MAC).to(WEB_A, 8080)),
                row("NAT v4 TCP SYN in VLAN 10").input(syn4.builder().vlan(10, 3).build())
                        .forward(NEW_CONNECTION, syn4.toMac(WEB_A_MAC).to(WEB_A, 8080).builder().vlan(10, 3).build()),
                row("NAT v6 TCP SYN").input(syn6).forward(NEW_CONNECTION, syn6.toMac(WEB6_A_MAC).to(WEB6_A, 8080)),
                row("NAT v6 TCP ACK of a known connection").after(syn6).input(syn6.flags(ACK))
                        .forward(ESTABLISHED, syn6.flags(ACK).toMac(WEB6_A_MAC).to(WEB6_A, 8080)),
                row("NAT v4 UDP, member keeps the port").input(Pkt.udp(CLIENT, NAT4, 53))
                        .forward(NEW_CONNECTION, Pkt.udp(CLIENT, NAT4, 53).toMac(WEB_A_MAC).to(WEB_A, 53)),
                row("NAT v6 UDP").input(Pkt.udp(CLIENT6, NAT6, 53))
                        .forward(NEW_CONNECTION, Pkt.udp(CLIENT6, NAT6, 53).toMac(WEB6_A_MAC).to(WEB6_A, 53)),
                row("NAT v4 ICMP echo, by address").input(Pkt.ping(CLIENT, PING4))
                        .forward(NEW_CONNECTION, Pkt.ping(CLIENT, PING4).toMac(PING_A_MAC).to(PING_A, 7)),
                row("NAT v6 ICMPv6 echo, by address").input(Pkt.ping(CLIENT6, PING6))
                        .forward(NEW_CONNECTION, Pkt.ping(CLIENT6, PING6).toMac(PING_A_MAC).to(PING6_A, 7)));
    }

    static List<FilterRow> forwardDsr() {
        return List.of(
                dsr("DSR v4 TCP SYN", Pkt.tcp(CLIENT, DSR4, 443, SYN), DSR_A_MAC),
                dsr("DSR v6 TCP SYN", Pkt.tcp(CLIENT6, DSR6, 443, SYN), DSR6_A_MAC),
                dsr("DSR v4 UDP", Pkt.udp(CLIENT, DSR4, 5353), DSR_A_MAC),
                dsr("DSR v6 UDP", Pkt.udp(CLIENT6, DSR6, 5353), DSR6_A_MAC),
                dsr("DSR v4 ICMP echo", Pkt.ping(CLIENT, DSR4), DSR_A_MAC),
                dsr("DSR v6 ICMPv6 echo", Pkt.ping(CLIENT6, DSR6), DSR6_A_MAC),
                dsr("DSR v4 ESP (no ports)", Pkt.esp(CLIENT, DSR4), DSR_A_MAC),
                dsr("DSR v6 ESP (no ports)", Pkt.esp(CLIENT6, DSR6), DSR6_A_MAC),
                row("DSR v4 ESP of a known flow").after(Pkt.esp(CLIENT, DSR4)).input(Pkt.esp(CLIENT, DSR4))
                        .forward(ESTABLISHED, Pkt.esp(CLIENT, DSR4).toMac(DSR_A_MAC)));
    }

    private static FilterRow dsr(String name, Pkt in, long memberMac) {
        return row(name).input(in).forward(NEW_CONNECTION, in.toMac(memberMac));
    }

    /** Mid-connection packets, drain and down members. */
    static List<FilterRow> connections() {
        Pkt syn = Pkt.tcp(CLIENT, NAT4, 80, SYN);
        Pkt ack = syn.flags(ACK);
        MemberId a = WEB_A_ID;
        MemberId b = WEB_B_ID;
        Map<PoolId, PoolWeights> aDown = Map.of(WEB4_POOL, new PoolWeights(WEB4_POOL,
                List.of(MemberWeight.closed(a, 1, false), new MemberWeight(b, 1000, 1, true, true))));
        return List.of(
                row("consistent: ACK without an entry is adopted").input(ack)
                        .forward(ADOPTED, ack.toMac(WEB_A_MAC).to(WEB_A, 8080)),
                row("a draining member keeps its connection").after(syn).before(config()).config(withWebB(AdminState.DRAIN)).input(ack)
                        .forward(ESTABLISHED, ack.toMac(WEB_A_MAC).to(WEB_A, 8080)),
                row("a draining member gets no new connection").config(withWebB(AdminState.DRAIN))
                        .input(Pkt.tcp(CLIENT2, NAT4, 80, SYN))
                        .forward(NEW_CONNECTION, Pkt.tcp(CLIENT2, NAT4, 80, SYN).toMac(WEB_B_MAC).to(WEB_B, 8080)),
                row("a member in maintenance: its connection is re-selected").after(syn).before(config())
                        .config(withWebB(AdminState.MAINT)).input(ack)
                        .forward(RESELECTED, ack.toMac(WEB_B_MAC).to(WEB_B, 8080)),
                row("a member down by health: its connection is re-selected").after(syn).before(config())
                        .config(withWebB(AdminState.UP)).weights(aDown).input(ack)
                        .forward(RESELECTED, ack.toMac(WEB_B_MAC).to(WEB_B, 8080)),
                row("strict v4: ACK without an entry is reset").input(Pkt.tcp(CLIENT, STRICT4, 80, ACK))
                        .reply(NO_CONNECTION, FrameBuilder.ethernet(CLIENT_MAC, vipMac(STRICT4))
                                .ipv4(STRICT4.v4(), CLIENT.v4()).dontFragment().tcp(80, 40000, 2000, 0, RST)
                                .tcpWindow(0).build()),
                row("strict v6: ACK without an entry is reset").input(Pkt.tcp(CLIENT6, STRICT6, 80, ACK))
                        .reply(NO_CONNECTION, FrameBuilder.ethernet(CLIENT_MAC, vipMac(STRICT6))
                                .ipv6(STRICT6.hi(), STRICT6.lo(), CLIENT6.hi(), CLIENT6.lo())
                                .tcp(80, 40000, 2000, 0, RST).tcpWindow(0).build()),
                row("strict: a known connection passes").after(Pkt.tcp(CLIENT, STRICT4, 80, SYN))
                        .input(Pkt.tcp(CLIENT, STRICT4, 80, ACK))
                        .forward(ESTABLISHED, Pkt.tcp(CLIENT, STRICT4, 80, ACK).toMac(STRICT_A_MAC).to(STRICT_A, 8080)),
                row("strict: a reset without an entry is dropped, not answered")
                        .input(Pkt.tcp(CLIENT, STRICT4, 80, RST)).drop(NO_CONNECTION));
    }

    static List<FilterRow> natReplies() {
        Pkt synAck4 = new Pkt(ROUTER_MAC, WEB_A_MAC, WEB_A, CLIENT, IpProtocol.TCP, 8080, 40000, SYN | ACK);
        Pkt synAck6 = new Pkt(ROUTER_MAC, WEB6_A_MAC, WEB6_A, CLIENT6, IpProtocol.TCP, 8080, 40000, SYN | ACK);
        Pkt udp4 = new Pkt(ROUTER_MAC, WEB_A_MAC, WEB_A, CLIENT, IpProtocol.UDP, 53, 40000, 0);
        Pkt echo4 = new Pkt(ROUTER_MAC, PING_A_MAC, PING_A, CLIENT, IpProtocol.ICMP, 0x1234, 7, 0);
        Pkt echo6 = new Pkt(ROUTER_MAC, PING_A_MAC, PING6_A, CLIENT6, IpProtocol.ICMPV6, 0x1234, 7, 0);
        return List.of(
                row("NAT v4 TCP reply from the member").after(Pkt.tcp(CLIENT, NAT4, 80, SYN)).input(synAck4)
                        .forward(NAT_REPLY, synAck4.fromMac(vipMac(NAT4)).from(NAT4, 80)),
                row("NAT v6 TCP reply from the member").after(Pkt.tcp(CLIENT6, NAT6, 80, SYN)).input(synAck6)
                        .forward(NAT_REPLY, synAck6.fromMac(vipMac(NAT6)).from(NAT6, 80)),
                row("NAT v4 UDP reply from the member").after(Pkt.udp(CLIENT, NAT4, 53)).input(udp4)
                        .forward(NAT_REPLY, udp4.fromMac(vipMac(NAT4)).from(NAT4, 53)),
                row("NAT v4 ICMP echo reply from the member").after(Pkt.ping(CLIENT, PING4)).input(echo4)
                        .forward(NAT_REPLY, echo4.fromMac(vipMac(PING4)).from(PING4, 0x1234)),
                row("NAT v6 ICMPv6 echo reply from the member").after(Pkt.ping(CLIENT6, PING6)).input(echo6)
                        .forward(NAT_REPLY, echo6.fromMac(vipMac(PING6)).from(PING6, 0x1234)),
                row("a member's packet without a NAT connection").input(synAck4).toControl(NOT_FOR_VIP));
    }

    static List<FilterRow> toControl() {
        FilterSettings dropUnmatched = FilterSettings.DEFAULTS.withUnmatchedToControl(false);
        byte[] lldp = FrameBuilder.ethernet(0x0180_c200_000eL, CLIENT_MAC).etherType(0x88cc).payload(10).build();
        byte[] llc = FrameBuilder.ethernet(0x0180_c200_0000L, CLIENT_MAC).etherType(46).payload(46).build();
        return List.of(
                row("TCP to the control address").input(Pkt.tcp(CLIENT, CONTROL, 6653, SYN)).toControl(CONTROL_ADDRESS),
                row("ARP for the control address").input(arpRequest(CLIENT, CONTROL)).toControl(CONTROL_ADDRESS),
                row("TCP to an address that is no VIP").input(Pkt.tcp(CLIENT, ELSEWHERE, 80, SYN)).toControl(NOT_FOR_VIP),
                row("ARP for an address that is no VIP").input(arpRequest(CLIENT, ELSEWHERE)).toControl(NOT_FOR_VIP),
                row("ARP reply").input(FrameBuilder.ethernet(CLIENT_MAC, ROUTER_MAC)
                        .arp(2, ROUTER_MAC, ELSEWHERE.v4(), CLIENT_MAC, CLIENT.v4()).build()).toControl(NOT_FOR_VIP),
                row("LLDP").input(lldp).toControl(NOT_IP),
                row("802.3 LLC (spanning tree)").input(llc).toControl(NOT_IP),
                row("TCP to no VIP, unmatched traffic dropped").settings(dropUnmatched)
                        .input(Pkt.tcp(CLIENT, ELSEWHERE, 80, SYN)).drop(NOT_FOR_VIP),
                row("LLDP, unmatched traffic dropped").settings(dropUnmatched).input(lldp).drop(NOT_IP));
    }

    static List<FilterRow> replies() {
        Pkt syn81 = Pkt.tcp(CLIENT, NAT4, 81, SYN);
        Pkt syn81v6 = Pkt.tcp(CLIENT6, NAT6, 81, SYN);
        return List.of(
                row("ARP for a NAT VIP").input(arpRequest(CLIENT, NAT4))
                        .reply(ARP_FOR_VIP, arpReply(NAT4)),
                row("ARP for a DSR VIP").input(arpRequest(CLIENT, DSR4))
                        .reply(ARP_FOR_VIP, arpReply(DSR4)),
                row("neighbor solicitation for a v6 VIP").input(solicitation(NAT6))
                        .reply(SOLICITATION_FOR_VIP, advertisement(NAT6)),
                row("v4 ping to a VIP without an ICMP service").input(Pkt.ping(CLIENT, NAT4))
                        .reply(ECHO_REQUEST, FrameBuilder.ethernet(CLIENT_MAC, vipMac(NAT4)).ipv4(NAT4.v4(), CLIENT.v4())
                                .dontFragment().icmpEcho(false, 0x1234, 7).payload(10).build()),
                row("v6 ping to a VIP without an ICMPv6 service").input(Pkt.ping(CLIENT6, NAT6))
                        .reply(ECHO_REQUEST, FrameBuilder.ethernet(CLIENT_MAC, vipMac(NAT6))
                                .ipv6(NAT6.hi(), NAT6.lo(), CLIENT6.hi(), CLIENT6.lo())
                                .icmpEcho(false, 0x1234, 7).payload(10).build()),
                row("v4 TCP SYN to a port without a service is reset").input(syn81)
                        .reply(NO_SERVICE, FrameBuilder.ethernet(CLIENT_MAC, vipMac(NAT4)).ipv4(NAT4.v4(), CLIENT.v4())
                                .dontFragment().tcp(81, 40000, 0, 1011, RST | ACK).tcpWindow(0).build()),
                row("v6 TCP SYN to a port without a service is reset").input(syn81v6)
                        .reply(NO_SERVICE, FrameBuilder.ethernet(CLIENT_MAC, vipMac(NAT6))
                                .ipv6(NAT6.hi(), NAT6.lo(), CLIENT6.hi(), CLIENT6.lo())
                                .tcp(81, 40000, 0, 1011, RST | ACK).tcpWindow(0).build()));
    }

    static List<FilterRow> drops() {
        LbConfig allDrained = config().withMember(config().member(WEB_A_ID).withAdminState(AdminState.DRAIN));
        byte[] unreachable = FrameBuilder.ethernet(vipMac(NAT4), CLIENT_MAC).ipv4(CLIENT.v4(), NAT4.v4())
                .icmp(3, 3, 0).payload(28).build();
        return List.of(
                row("v4 UDP to a port without a service").input(Pkt.udp(CLIENT, NAT4, 54)).drop(NO_SERVICE),
                row("v6 UDP to a port without a service").input(Pkt.udp(CLIENT6, NAT6, 54)).drop(NO_SERVICE),
                row("ESP to a VIP without an ESP service").input(Pkt.esp(CLIENT, NAT4)).drop(NO_SERVICE),
                row("ICMP unreachable to a VIP without an ICMP service").input(unreachable).drop(NO_SERVICE),
                row("TCP reset to a port without a service").input(Pkt.tcp(CLIENT, NAT4, 81, RST)).drop(NO_SERVICE),
                row("a VIP whose pool has no member").input(Pkt.tcp(CLIENT, EMPTY4, 80, SYN)).drop(NO_BACKEND),
                row("a VIP whose only member drains").config(allDrained).input(Pkt.tcp(CLIENT, NAT4, 80, SYN))
                        .drop(NO_BACKEND),
                row("v4 TCP first fragment to a service")
                        .input(Pkt.tcp(CLIENT, NAT4, 80, SYN).builder().fragment(0, true).build()).drop(FRAGMENT),
                row("v6 UDP fragment to a service")
                        .input(Pkt.udp(CLIENT6, NAT6, 53).builder().fragment(0, true).build()).drop(FRAGMENT),
                row("the member's MAC is not known yet").input(Pkt.tcp(CLIENT, NOMAC4, 80, SYN)).drop(MEMBER_MAC_UNKNOWN),
                row("the answer does not fit the reply buffer").replyRoom(30).input(arpRequest(CLIENT, NAT4)).drop(NO_ROOM));
    }

    static List<FilterRow> malformed() {
        byte[] tcp4 = Pkt.tcp(CLIENT, NAT4, 80, ACK).frame();
        Pkt syn = Pkt.tcp(CLIENT, NAT4, 80, SYN);
        Pkt syn6 = Pkt.tcp(CLIENT6, NAT6, 80, SYN);
        return List.of(
                bad("13 bytes", Arrays.copyOf(tcp4, 13), ParseResult.TRUNCATED_L2),
                bad("IPv4 header cut at 10 bytes", Arrays.copyOf(tcp4, 24), ParseResult.TRUNCATED_L3),
                bad("version 6 in an IPv4 frame", syn.builder().versionField(6).build(), ParseResult.BAD_IP_VERSION),
                bad("IHL 4", syn.builder().ihlField(4).build(), ParseResult.BAD_IHL),
                bad("IPv4 total length beyond the frame", syn.builder().ipLengthField(1500).build(),
                        ParseResult.BAD_IP_LENGTH),
                bad("IPv6 payload length beyond the frame", syn6.builder().ipLengthField(200).build(),
                        ParseResult.BAD_IP_LENGTH),
                bad("IPv6 extension header announced, none there",
                        Pkt.udp(CLIENT6, NAT6, 53).builder().protocol(IpProtocol.ROUTING).payload(0).build(),
                        ParseResult.BAD_IPV6_EXT),
                bad("TCP header cut by the IP length", syn.builder().ipLengthField(30).build(), ParseResult.TRUNCATED_L4),
                bad("TCP data offset 4 words", patch(tcp4, 46, 0x40), ParseResult.BAD_L4_HEADER));
    }

    private static FilterRow bad(String name, byte[] frame, int parseResult) {
        return row("malformed: " + name).input(frame).drop(FilterReason.malformed(parseResult));
    }

    private static byte[] patch(byte[] frame, int at, int value) {
        byte[] b = frame.clone();
        b[at] = (byte) value;
        return b;
    }

    static byte[] arpRequest(IpAddress asker, IpAddress target) {
        return FrameBuilder.ethernet(BROADCAST, CLIENT_MAC).arp(1, CLIENT_MAC, asker.v4(), 0, target.v4()).build();
    }

    private static byte[] arpReply(IpAddress vip) {
        return FrameBuilder.ethernet(CLIENT_MAC, vipMac(vip)).arp(2, vipMac(vip), vip.v4(), CLIENT_MAC, CLIENT.v4()).build();
    }

    /** A neighbor solicitation from the client for {@code target}, to its solicited-node group. */
    static byte[] solicitation(IpAddress target) {
        long groupLo = 0x0000_0001_ff00_0000L | (target.lo() & 0xff_ffffL);
        long groupMac = 0x3333_ff00_0000L | (target.lo() & 0xff_ffffL);
        ByteBuffer body = ByteBuffer.allocate(24).putLong(target.hi()).putLong(target.lo())
                .put((byte) 1).put((byte) 1).putShort((short) (CLIENT_MAC >>> 32)).putInt((int) CLIENT_MAC);
        return FrameBuilder.ethernet(groupMac, CLIENT_MAC).ipv6(CLIENT6.hi(), CLIENT6.lo(), 0xff02_0000_0000_0000L, groupLo)
                .ttl(255).icmp(135, 0, 0).payload(body.array()).build();
    }

    private static byte[] advertisement(IpAddress vip) {
        long mac = vipMac(vip);
        ByteBuffer body = ByteBuffer.allocate(24).putLong(vip.hi()).putLong(vip.lo())
                .put((byte) 2).put((byte) 1).putShort((short) (mac >>> 32)).putInt((int) mac);
        return FrameBuilder.ethernet(CLIENT_MAC, mac).ipv6(vip.hi(), vip.lo(), CLIENT6.hi(), CLIENT6.lo()).ttl(255)
                .icmp(136, 0, 0x6000_0000).payload(body.array()).build();
    }
}
