package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.Frames.CLIENT_MAC;
import static io.flowlb.loadbalancer.packet.Frames.CLIENT_V4;
import static io.flowlb.loadbalancer.packet.Frames.CLIENT_V6_HI;
import static io.flowlb.loadbalancer.packet.Frames.CLIENT_V6_LO;
import static io.flowlb.loadbalancer.packet.Frames.MEMBER_MAC;
import static io.flowlb.loadbalancer.packet.Frames.MEMBER_V4;
import static io.flowlb.loadbalancer.packet.Frames.MEMBER_V6_HI;
import static io.flowlb.loadbalancer.packet.Frames.MEMBER_V6_LO;
import static io.flowlb.loadbalancer.packet.Frames.SWITCH_MAC;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V4;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_HI;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_LO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rewrite fixtures: input frame, rewrite, expected output frame. The expected frames are built
 * from scratch by {@link FrameBuilder} (full checksum computation) or, for the NAT rows, taken
 * from scapy; the rewritten frame must equal them byte for byte, so every incremental checksum
 * equals a full recomputation.
 */
class PacketViewRewriteTest {
    private static final byte[] TEN = Frames.hex("00010203040506070809");

    static Stream<Arguments> rewrites() {
        Consumer<PacketView> dsr = v -> v.setEthDst(MEMBER_MAC);
        Consumer<PacketView> nat4 = v -> {
            v.setEthDst(MEMBER_MAC);
            v.setIpv4Dst(MEMBER_V4);
            v.setDstPort(8080);
        };
        Consumer<PacketView> nat6 = v -> {
            v.setEthDst(MEMBER_MAC);
            v.setIpv6Dst(MEMBER_V6_HI, MEMBER_V6_LO);
            v.setDstPort(5353);
        };
        Consumer<PacketView> nat4Combined = v -> {
            v.setEthDst(MEMBER_MAC);
            v.setIpv4DstAndPort(MEMBER_V4, 8080);
        };
        Consumer<PacketView> nat6Combined = v -> {
            v.setEthDst(MEMBER_MAC);
            v.setIpv6DstAndPort(MEMBER_V6_HI, MEMBER_V6_LO, 5353);
        };
        Consumer<PacketView> toMember4 = v -> v.setIpv4Dst(MEMBER_V4);
        Consumer<PacketView> toMember6 = v -> v.setIpv6Dst(MEMBER_V6_HI, MEMBER_V6_LO);
        return Stream.of(
                row("DSR: destination MAC only", Frames.tcp4(TcpFlags.SYN).payload(TEN), dsr,
                        FrameBuilder.ethernet(MEMBER_MAC, CLIENT_MAC).ipv4(CLIENT_V4, VIP_V4)
                                .tcp(40000, 80, 1000, 2000, TcpFlags.SYN).payload(TEN)),
                row("NAT TCP/IPv4: MAC, address, port (expected bytes from scapy)", Frames.tcp4(TcpFlags.SYN).payload(TEN),
                        nat4, Frames.hex("0200000001010200000000010800450000320000000040067cb0c000020acb00710b9c401f90"
                                + "000003e8000007d05002ffffd620000000010203040506070809")),
                row("NAT UDP/IPv6: MAC, address, port (expected bytes from scapy)", Frames.udp6().payload(TEN), nat6,
                        Frames.hex("02000000010102000000000186dd600000000012114020010db8000c0000000000000000001020010d"
                                + "b8000b000000000000000000119c4014e90012dedd00010203040506070809")),
                row("NAT TCP/IPv4, address and port in one update (expected bytes from scapy)",
                        Frames.tcp4(TcpFlags.SYN).payload(TEN), nat4Combined,
                        Frames.hex("0200000001010200000000010800450000320000000040067cb0c000020acb00710b9c401f90"
                                + "000003e8000007d05002ffffd620000000010203040506070809")),
                row("NAT UDP/IPv6, address and port in one update (expected bytes from scapy)",
                        Frames.udp6().payload(TEN), nat6Combined,
                        Frames.hex("02000000010102000000000186dd600000000012114020010db8000c0000000000000000001020010d"
                                + "b8000b000000000000000000119c4014e90012dedd00010203040506070809")),
                row("reverse NAT TCP/IPv4 in one update: source address and port back to the VIP",
                        FrameBuilder.ethernet(SWITCH_MAC, MEMBER_MAC).ipv4(MEMBER_V4, CLIENT_V4)
                                .tcp(8080, 40000, 5, 6, TcpFlags.ACK).payload(TEN),
                        v -> v.setIpv4SrcAndPort(VIP_V4, 80),
                        FrameBuilder.ethernet(SWITCH_MAC, MEMBER_MAC).ipv4(VIP_V4, CLIENT_V4)
                                .tcp(80, 40000, 5, 6, TcpFlags.ACK).payload(TEN)),
                row("reverse NAT UDP/IPv6 in one update", FrameBuilder.ethernet(SWITCH_MAC, MEMBER_MAC)
                                .ipv6(MEMBER_V6_HI, MEMBER_V6_LO, CLIENT_V6_HI, CLIENT_V6_LO).udp(5353, 40000).payload(TEN),
                        v -> v.setIpv6SrcAndPort(VIP_V6_HI, VIP_V6_LO, 53),
                        FrameBuilder.ethernet(SWITCH_MAC, MEMBER_MAC)
                                .ipv6(VIP_V6_HI, VIP_V6_LO, CLIENT_V6_HI, CLIENT_V6_LO).udp(53, 40000).payload(TEN)),
                row("UDP/IPv4 without checksum keeps 0, address and port in one update",
                        Frames.udp4().noUdpChecksum().payload(TEN), nat4Combined,
                        FrameBuilder.ethernet(MEMBER_MAC, CLIENT_MAC).ipv4(CLIENT_V4, MEMBER_V4).udp(40000, 8080)
                                .noUdpChecksum().payload(TEN)),
                row("reverse NAT TCP/IPv4: member source back to the VIP",
                        FrameBuilder.ethernet(SWITCH_MAC, MEMBER_MAC).ipv4(MEMBER_V4, CLIENT_V4)
                                .tcp(8080, 40000, 5, 6, TcpFlags.ACK).payload(TEN),
                        v -> {
                            v.setEthSrc(SWITCH_MAC);
                            v.setEthDst(CLIENT_MAC);
                            v.setIpv4Src(VIP_V4);
                            v.setSrcPort(80);
                        },
                        FrameBuilder.ethernet(CLIENT_MAC, SWITCH_MAC).ipv4(VIP_V4, CLIENT_V4)
                                .tcp(80, 40000, 5, 6, TcpFlags.ACK).payload(TEN)),
                row("reverse NAT TCP/IPv6 source", FrameBuilder.ethernet(SWITCH_MAC, MEMBER_MAC)
                                .ipv6(MEMBER_V6_HI, MEMBER_V6_LO, CLIENT_V6_HI, CLIENT_V6_LO).tcp(8080, 40000, 5, 6, 0),
                        v -> v.setIpv6Src(VIP_V6_HI, VIP_V6_LO),
                        FrameBuilder.ethernet(SWITCH_MAC, MEMBER_MAC)
                                .ipv6(VIP_V6_HI, VIP_V6_LO, CLIENT_V6_HI, CLIENT_V6_LO).tcp(8080, 40000, 5, 6, 0)),
                row("UDP/IPv4 address", Frames.udp4().payload(TEN), toMember4,
                        FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv4(CLIENT_V4, MEMBER_V4).udp(40000, 53).payload(TEN)),
                row("UDP/IPv4 without checksum keeps 0", Frames.udp4().noUdpChecksum().payload(TEN), nat4,
                        FrameBuilder.ethernet(MEMBER_MAC, CLIENT_MAC).ipv4(CLIENT_V4, MEMBER_V4).udp(40000, 8080)
                                .noUdpChecksum().payload(TEN)),
                row("UDP/IPv4 whose new checksum computes to 0 carries 0xffff",
                        Frames.udp4().payload(payloadZeroingUdpChecksumAfter(MEMBER_V4)), toMember4,
                        FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv4(CLIENT_V4, MEMBER_V4).udp(40000, 53)
                                .payload(payloadZeroingUdpChecksumAfter(MEMBER_V4))),
                row("ICMP echo/IPv4 address: the ICMP checksum has no pseudo-header",
                        Frames.ping4(1, 2).payload(TEN), toMember4,
                        FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv4(CLIENT_V4, MEMBER_V4).icmpEcho(true, 1, 2)
                                .payload(TEN)),
                row("ICMPv6 echo address: the ICMPv6 checksum covers it", Frames.ping6(1, 2).payload(TEN), toMember6,
                        FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv6(CLIENT_V6_HI, CLIENT_V6_LO, MEMBER_V6_HI,
                                MEMBER_V6_LO).icmpEcho(true, 1, 2).payload(TEN)),
                row("ESP/IPv4 address (no L4 checksum)", Frames.udp4().protocol(IpProtocol.ESP).payload(TEN), toMember4,
                        FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv4(CLIENT_V4, MEMBER_V4)
                                .protocol(IpProtocol.ESP).payload(TEN)),
                row("TCP/IPv6 behind extension headers", Frames.tcp6(TcpFlags.ACK)
                                .ipv6Extension(IpProtocol.HOP_BY_HOP, 8).ipv6Extension(IpProtocol.DESTINATION_OPTIONS, 16)
                                .payload(TEN), toMember6,
                        FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv6(CLIENT_V6_HI, CLIENT_V6_LO, MEMBER_V6_HI,
                                MEMBER_V6_LO).ipv6Extension(IpProtocol.HOP_BY_HOP, 8)
                                .ipv6Extension(IpProtocol.DESTINATION_OPTIONS, 16)
                                .tcp(40000, 80, 1000, 2000, TcpFlags.ACK).payload(TEN)),
                row("IPv4 first fragment: TCP port and checksum follow",
                        Frames.tcp4(TcpFlags.ACK).fragment(0, true).payload(TEN), nat4,
                        FrameBuilder.ethernet(MEMBER_MAC, CLIENT_MAC).ipv4(CLIENT_V4, MEMBER_V4).fragment(0, true)
                                .tcp(40000, 8080, 1000, 2000, TcpFlags.ACK).payload(TEN)),
                row("IPv4 later fragment: only IP changes", Frames.udp4().protocol(IpProtocol.TCP).fragment(1480, false)
                                .payload(TEN), nat4,
                        FrameBuilder.ethernet(MEMBER_MAC, CLIENT_MAC).ipv4(CLIENT_V4, MEMBER_V4).fragment(1480, false)
                                .protocol(IpProtocol.TCP).payload(TEN)),
                row("IPv6 later fragment: only IP changes", Frames.udp6().protocol(IpProtocol.UDP).fragment(1480, true)
                                .payload(TEN), nat6,
                        FrameBuilder.ethernet(MEMBER_MAC, CLIENT_MAC).ipv6(CLIENT_V6_HI, CLIENT_V6_LO, MEMBER_V6_HI,
                                MEMBER_V6_LO).fragment(1480, true).protocol(IpProtocol.UDP).payload(TEN)),
                row("TTL decrement (IPv4)", Frames.tcp4(0).ttl(64), v -> v.decTtl(), Frames.tcp4(0).ttl(63)),
                row("hop limit decrement (IPv6)", Frames.tcp6(0).ttl(64), v -> v.decTtl(), Frames.tcp6(0).ttl(63)),
                row("TTL 0 is left alone", Frames.tcp4(0).ttl(0), v -> v.decTtl(), Frames.tcp4(0).ttl(0)),
                row("DSCP EF (IPv4) keeps ECN", Frames.tcp4(0).trafficClass(2), v -> v.setIpDscp(46),
                        Frames.tcp4(0).trafficClass((46 << 2) | 2)),
                row("DSCP EF (IPv6) keeps ECN and flow label", Frames.tcp6(0).trafficClass(1).flowLabel(0x12345),
                        v -> v.setIpDscp(46), Frames.tcp6(0).trafficClass((46 << 2) | 1).flowLabel(0x12345)),
                row("ECN CE (IPv4)", Frames.tcp4(0).trafficClass(46 << 2), v -> v.setIpEcn(3),
                        Frames.tcp4(0).trafficClass((46 << 2) | 3)),
                row("VLAN id and priority on a tagged frame", Frames.udp4().vlan(10, 1), v -> {
                    v.setVlanId(20);
                    v.setVlanPcp(6);
                }, Frames.udp4().vlan(20, 6)),
                row("VLAN id on an untagged frame does nothing", Frames.udp4(), v -> v.setVlanId(20), Frames.udp4()),
                row("IPv6 setter on an IPv4 frame does nothing", Frames.tcp4(0), toMember6, Frames.tcp4(0)),
                row("port setter on ICMP does nothing", Frames.ping4(1, 1), v -> v.setDstPort(9), Frames.ping4(1, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewrites")
    void rewritesInPlaceToTheExpectedFrame(String description, byte[] input, Consumer<PacketView> rewrite, byte[] expected) {
        byte[] frame = input.clone();
        PacketView v = Frames.parsed(frame);
        rewrite.accept(v);

        assertThat(Frames.hex(frame)).isEqualTo(Frames.hex(expected));
        assertThat(Frames.checksumsValid(frame)).isTrue();
    }

    static Arguments row(String description, FrameBuilder input, Consumer<PacketView> rewrite, FrameBuilder expected) {
        return Arguments.of(description, input.build(), rewrite, expected.build());
    }

    static Arguments row(String description, FrameBuilder input, Consumer<PacketView> rewrite, byte[] expected) {
        return Arguments.of(description, input.build(), rewrite, expected);
    }

    /**
     * Two payload bytes chosen so that client -> {@code newDst} UDP/53 carries a computed
     * checksum of 0, which RFC 768 sends as 0xffff.
     */
    static byte[] payloadZeroingUdpChecksumAfter(int newDst) {
        long sum = Checksums.pseudoHeaderV4(CLIENT_V4, newDst, IpProtocol.UDP, 10) + 40000 + 53 + 10;
        int word = 0xffff - Checksums.fold(sum);
        return new byte[] {(byte) (word >>> 8), (byte) word};
    }
}
