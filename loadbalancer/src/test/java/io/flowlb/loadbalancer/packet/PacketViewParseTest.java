package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.Frames.CLIENT_MAC;
import static io.flowlb.loadbalancer.packet.Frames.CLIENT_V4;
import static io.flowlb.loadbalancer.packet.Frames.SWITCH_MAC;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V4;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_HI;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_LO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parse fixtures: one row per kind of frame (input frame, expected classification and fields,
 * description). The expected column is a one-line summary of what the view reports, so a row
 * reads like the frame's dissection: result, EtherType, VLAN, L3 offset, IP version and
 * protocol, fragment, L4 offset, ports, TCP flags, ICMP type/code, payload offset + length.
 */
class PacketViewParseTest {
    private static final byte[] TEN = Frames.hex("00010203040506070809");

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                row("TCP SYN over IPv4", Frames.tcp4(TcpFlags.SYN).payload(TEN),
                        "ok eth=0800 l3=14 ipv4 proto=6 l4=34 ports=40000>80 tcp=02 payload=54+10"),
                row("TCP over IPv4 with 8 bytes of IP options and 12 of TCP options",
                        Frames.tcp4(TcpFlags.ACK | TcpFlags.PSH).ipv4Options(Frames.nops(8)).tcpOptions(Frames.nops(12))
                                .payload(TEN),
                        "ok eth=0800 l3=14 ipv4 proto=6 l4=42 ports=40000>80 tcp=18 payload=74+10"),
                row("TCP over IPv6", Frames.tcp6(TcpFlags.ACK).payload(TEN),
                        "ok eth=86dd l3=14 ipv6 proto=6 l4=54 ports=40000>80 tcp=10 payload=74+10"),
                row("UDP over IPv4 in VLAN 100 priority 3", Frames.udp4().vlan(100, 3).payload(TEN),
                        "ok eth=0800 vlan=100/3 l3=18 ipv4 proto=17 l4=38 ports=40000>53 payload=46+10"),
                row("UDP over IPv4 padded to 60 bytes: padding is not payload", Frames.udp4().padTo(60),
                        "ok eth=0800 l3=14 ipv4 proto=17 l4=34 ports=40000>53 payload=42+0"),
                row("UDP over IPv6 behind hop-by-hop, destination options, routing and AH headers",
                        Frames.udp6().ipv6Extension(IpProtocol.HOP_BY_HOP, 8)
                                .ipv6Extension(IpProtocol.DESTINATION_OPTIONS, 16).ipv6Extension(IpProtocol.ROUTING, 8)
                                .ipv6Extension(IpProtocol.AH, 24).payload(TEN),
                        "ok eth=86dd l3=14 ipv6 proto=17 l4=110 ports=40000>53 payload=118+10"),
                row("IPv6 first fragment: the UDP header is there", Frames.udp6().fragment(0, true).payload(TEN),
                        "ok eth=86dd l3=14 ipv6 proto=17 frag=first l4=62 ports=40000>53 payload=70+10"),
                row("IPv6 later fragment: no L4 header, no ports",
                        Frames.udp6().protocol(IpProtocol.UDP).fragment(1480, false).payload(TEN),
                        "ok eth=86dd l3=14 ipv6 proto=17 frag=at1480 payload=62+10"),
                row("IPv6 atomic fragment (offset 0, no more fragments) is a whole datagram",
                        Frames.udp6().fragment(0, false).payload(TEN),
                        "ok eth=86dd l3=14 ipv6 proto=17 l4=62 ports=40000>53 payload=70+10"),
                row("IPv4 first fragment: the TCP header is there",
                        Frames.tcp4(TcpFlags.ACK).fragment(0, true).payload(TEN),
                        "ok eth=0800 l3=14 ipv4 proto=6 frag=first l4=34 ports=40000>80 tcp=10 payload=54+10"),
                row("IPv4 later fragment: no L4 header, no ports",
                        Frames.tcp4(TcpFlags.ACK).protocol(IpProtocol.TCP).fragment(1480, false).payload(TEN),
                        "ok eth=0800 l3=14 ipv4 proto=6 frag=at1480 payload=34+10"),
                row("ESP over IPv4 (protocol 50): no ports",
                        Frames.udp4().protocol(IpProtocol.ESP).payload(TEN),
                        "ok eth=0800 l3=14 ipv4 proto=50 payload=34+10"),
                row("ESP over IPv6: no ports", Frames.udp6().protocol(IpProtocol.ESP).payload(TEN),
                        "ok eth=86dd l3=14 ipv6 proto=50 payload=54+10"),
                row("GRE over IPv4", Frames.udp4().protocol(IpProtocol.GRE).payload(TEN),
                        "ok eth=0800 l3=14 ipv4 proto=47 payload=34+10"),
                row("ICMP echo request", Frames.ping4(0x1234, 7).payload(TEN),
                        "ok eth=0800 l3=14 ipv4 proto=1 l4=34 icmp=8/0 echo=4660/7 payload=42+10"),
                row("ICMP destination unreachable (port)",
                        Frames.udp4().icmp(3, 3, 0).payload(TEN),
                        "ok eth=0800 l3=14 ipv4 proto=1 l4=34 icmp=3/3 payload=42+10"),
                row("ICMPv6 echo request", Frames.ping6(0x1234, 7).payload(TEN),
                        "ok eth=86dd l3=14 ipv6 proto=58 l4=54 icmp=128/0 echo=4660/7 payload=62+10"),
                row("ICMPv6 neighbor solicitation", Frames.neighborSolicitation(VIP_V6_HI, VIP_V6_LO),
                        "ok eth=86dd l3=14 ipv6 proto=58 l4=54 icmp=135/0 payload=62+24"),
                row("ICMP protocol number inside IPv6 is not decoded as ICMP",
                        Frames.udp6().protocol(IpProtocol.ICMP).payload(TEN),
                        "ok eth=86dd l3=14 ipv6 proto=1 payload=54+10"),
                row("ARP request", Frames.arpRequest(VIP_V4),
                        "ok eth=0806 l3=14 arp op=1 spa=192.0.2.10 tpa=198.51.100.1 payload=42+0"),
                row("ARP reply in VLAN 7",
                        FrameBuilder.ethernet(CLIENT_MAC, SWITCH_MAC).vlan(7, 0).arp(2, SWITCH_MAC, VIP_V4, CLIENT_MAC, CLIENT_V4),
                        "ok eth=0806 vlan=7/0 l3=18 arp op=2 spa=198.51.100.1 tpa=192.0.2.10 payload=46+0"),
                row("LLDP: not IP, OK with its own EtherType",
                        FrameBuilder.ethernet(0x0180_c200_000eL, CLIENT_MAC).etherType(0x88cc).payload(TEN),
                        "ok eth=88cc l3=14 payload=14+10"),
                row("802.1ad outer tag: one tag is read, the inner tag is the EtherType",
                        FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).etherType(EtherType.QINQ)
                                .payload(Frames.hex("0064 8100 00c8 0800 00010203040506070809")),
                        "ok eth=8100 vlan=100/0 l3=18 payload=18+14"));
    }

    static Stream<Arguments> malformed() {
        byte[] tcp4 = Frames.tcp4(TcpFlags.ACK).payload(TEN).build();
        byte[] udp6Hbh = Frames.udp6().ipv6Extension(IpProtocol.HOP_BY_HOP, 8).payload(TEN).build();
        FrameBuilder nineDestOpts = Frames.udp6();
        for (int i = 0; i < FrameParser.MAX_IPV6_EXTENSIONS + 1; i++) {
            nineDestOpts.ipv6Extension(IpProtocol.DESTINATION_OPTIONS, 8);
        }
        return Stream.of(
                row("13 bytes: shorter than Ethernet", Arrays.copyOf(tcp4, 13), "truncated_l2"),
                row("tagged frame cut inside its tag", Arrays.copyOf(Frames.udp4().vlan(5, 0).build(), 16), "truncated_l2"),
                row("IPv4 header cut at 10 bytes", Arrays.copyOf(tcp4, 24), "truncated_l3"),
                row("IPv6 header cut at 30 bytes", Arrays.copyOf(Frames.tcp6(0).build(), 44), "truncated_l3"),
                row("ARP cut at 20 bytes", Arrays.copyOf(Frames.arpRequest(VIP_V4).build(), 34), "truncated_l3"),
                row("ARP for IPv6 addresses", patch(Frames.arpRequest(VIP_V4).build(), 16, 0x86, 0xdd), "unsupported"),
                row("802.3 length field instead of an EtherType",
                        FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).etherType(46).payload(46), "unsupported"),
                row("IPv4 EtherType, version 6 in the header", Frames.tcp4(0).versionField(6), "bad_ip_version"),
                row("IPv6 EtherType, version 4 in the header", Frames.tcp6(0).versionField(4), "bad_ip_version"),
                row("IHL 4 (16 bytes)", Frames.tcp4(0).ihlField(4), "bad_ihl"),
                row("IHL 15 (60 bytes) beyond a 40-byte datagram", Frames.tcp4(0).ihlField(15), "bad_ihl"),
                row("total length beyond the frame", Frames.tcp4(0).ipLengthField(1500), "bad_ip_length"),
                row("total length below the header", Frames.tcp4(0).ipLengthField(12), "bad_ip_length"),
                row("IPv4 frame cut inside the datagram", Arrays.copyOf(tcp4, tcp4.length - 4), "bad_ip_length"),
                row("IPv6 payload length beyond the frame", Frames.tcp6(0).ipLengthField(100), "bad_ip_length"),
                row("hop-by-hop header longer than the packet", patch(udp6Hbh, 55, 10), "bad_ipv6_ext"),
                row("hop-by-hop after destination options",
                        Frames.udp6().ipv6Extension(IpProtocol.DESTINATION_OPTIONS, 8)
                                .ipv6Extension(IpProtocol.HOP_BY_HOP, 8), "bad_ipv6_ext"),
                row("nine extension headers", nineDestOpts, "bad_ipv6_ext"),
                row("extension header announced, payload empty",
                        Frames.udp6().protocol(IpProtocol.ROUTING), "bad_ipv6_ext"),
                row("TCP header cut by the IP total length (10 of 20 bytes)",
                        Frames.tcp4(0).payload(TEN).ipLengthField(30), "truncated_l4"),
                row("TCP data offset 4 words", patch(tcp4, 46, 0x40), "bad_l4_header"),
                row("TCP data offset 15 words, 30 bytes of segment", patch(tcp4, 46, 0xf0), "truncated_l4"),
                row("UDP length beyond the IP payload", patch(Frames.udp4().payload(TEN).build(), 38, 0, 99), "bad_l4_header"),
                row("UDP length 4", patch(Frames.udp4().payload(TEN).build(), 38, 0, 4), "bad_l4_header"),
                row("ICMP message of 4 bytes", Frames.udp4().protocol(IpProtocol.ICMP).payload(4), "truncated_l4"),
                row("UDP over IPv6 with 6 bytes of datagram", Frames.udp6().protocol(IpProtocol.UDP).payload(6),
                        "truncated_l4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void dissectsWellFormedFrames(String description, byte[] frame, String expected) {
        assertThat(describe(Frames.parsed(frame))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void classifiesMalformedFramesWithoutThrowing(String description, byte[] frame, String expected) {
        PacketView v = Frames.parsed(frame);

        assertThat(ParseResult.name(v.result())).isEqualTo(expected);
        assertThat(v.l4Offset()).isEqualTo(PacketView.NONE);
        assertThat(v.srcPort()).isZero();
    }

    static Arguments row(String description, FrameBuilder frame, String expected) {
        return row(description, frame.build(), expected);
    }

    static Arguments row(String description, byte[] frame, String expected) {
        return Arguments.of(description, frame, expected);
    }

    /** A copy of {@code frame} with bytes from {@code at} replaced. */
    static byte[] patch(byte[] frame, int at, int... bytes) {
        byte[] copy = frame.clone();
        for (int i = 0; i < bytes.length; i++) {
            copy[at + i] = (byte) bytes[i];
        }
        return copy;
    }

    /** The one-line dissection the rows expect. */
    static String describe(PacketView v) {
        StringBuilder s = new StringBuilder(ParseResult.name(v.result()));
        s.append(" eth=").append(String.format("%04x", v.etherType()));
        if (v.vlanId() >= 0) {
            s.append(" vlan=").append(v.vlanId()).append('/').append(v.vlanPcp());
        }
        s.append(" l3=").append(v.l3Offset());
        if (v.isArp()) {
            s.append(" arp op=").append(v.arpOp()).append(" spa=").append(dotted(v.arpSpa()))
                    .append(" tpa=").append(dotted(v.arpTpa()));
        }
        if (v.ipVersion() != 0) {
            s.append(" ipv").append(v.ipVersion()).append(" proto=").append(v.ipProtocol());
        }
        if (v.isFragment()) {
            s.append(" frag=").append(v.isFirstFragment() ? "first" : "at" + v.fragmentOffset() * 8);
        }
        if (v.l4Offset() >= 0) {
            s.append(" l4=").append(v.l4Offset());
        }
        if (v.hasPorts()) {
            s.append(" ports=").append(v.srcPort()).append('>').append(v.dstPort());
        }
        if (v.isTcp()) {
            s.append(" tcp=").append(String.format("%02x", v.tcpFlags()));
        }
        if (v.isIcmp()) {
            s.append(" icmp=").append(v.icmpType()).append('/').append(v.icmpCode());
        }
        if (v.isIcmpEcho()) {
            s.append(" echo=").append(v.icmpEchoId()).append('/').append(v.icmpEchoSeq());
        }
        return s.append(" payload=").append(v.payloadOffset()).append('+').append(v.payloadLength()).toString();
    }

    static String dotted(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }
}
