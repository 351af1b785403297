package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.Frames.CLIENT_MAC;
import static io.flowlb.loadbalancer.packet.Frames.CLIENT_V4;
import static io.flowlb.loadbalancer.packet.Frames.SWITCH_MAC;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V4;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_HI;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_LO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder writes byte for byte what scapy 2.5 writes for the same frame (the expected hex was
 * produced by scapy once and pasted here; the test needs no Python), which checks the header
 * layouts and the checksum arithmetic against an independent implementation.
 */
class FrameBuilderTest {
    private static final byte[] TEN = Frames.hex("00010203040506070809");

    static Stream<Arguments> frames() {
        return Stream.of(
                Arguments.of("TCP SYN over IPv4", Frames.tcp4(TcpFlags.SYN).payload(TEN),
                        "0200000000fe0200000000010800450000320000000040068e87c000020ac63364019c400050000003e8000007d0"
                                + "5002ffff0738000000010203040506070809"),
                Arguments.of("TCP ACK over IPv6", Frames.tcp6(TcpFlags.ACK).payload(TEN),
                        "0200000000fe02000000000186dd60000000001e064020010db8000c0000000000000000001020010db8000f000"
                                + "000000000000000019c400050000003e8000007d05010ffff97cb000000010203040506070809"),
                Arguments.of("UDP over IPv4 in VLAN 100 priority 3", Frames.udp4().vlan(100, 3).identification(7).payload(TEN),
                        "0200000000fe020000000001810060640800450000260007000040118e81c000020ac63364019c4000350012"
                                + "62fc00010203040506070809"),
                Arguments.of("ICMP echo request", Frames.ping4(0x1234, 1).payload(TEN),
                        "0200000000fe0200000000010800450000260000000040018e98c000020ac63364010800d1b1123400010001"
                                + "0203040506070809"),
                Arguments.of("ICMPv6 echo request", Frames.ping6(0x1234, 1).payload(TEN),
                        "0200000000fe02000000000186dd6000000000123a4020010db8000c0000000000000000001020010db8000f000"
                                + "000000000000000018000fdc61234000100010203040506070809"),
                Arguments.of("ARP request", Frames.arpRequest(VIP_V4),
                        "ffffffffffff02000000000108060001080006040001020000000001c000020a000000000000c6336401"),
                Arguments.of("UDP over IPv6 with hop-by-hop and a first-fragment header",
                        Frames.udp6().ipv6Extension(IpProtocol.HOP_BY_HOP, 8).identification(0x0badcafe)
                                .fragment(0, true).payload(TEN),
                        "0200000000fe02000000000186dd600000000022004020010db8000c0000000000000000001020010db8000f000"
                                + "000000000000000012c00010400000000110000010badcafe9c4000350012f39d00010203040506070809"),
                Arguments.of("neighbor solicitation with source link-layer option",
                        Frames.neighborSolicitation(VIP_V6_HI, VIP_V6_LO),
                        "3333ff00000102000000000186dd6000000000203aff20010db8000c00000000000000000010ff020000000000"
                                + "0000000001ff00000187001bff0000000020010db8000f000000000000000000010101020000000001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void writesTheSameBytesAsScapy(String description, FrameBuilder builder, String scapyHex) {
        assertThat(Frames.hex(builder.build())).isEqualTo(scapyHex);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void buildsFramesWhoseChecksumsVerify(String description, FrameBuilder builder, String scapyHex) {
        assertThat(Frames.checksumsValid(builder.build())).isTrue();
    }

    @Test
    void partialChecksumHoldsThePseudoHeaderSumLikeTheKernel() {
        byte[] full = Frames.tcp4(TcpFlags.ACK).payload(100).build();
        byte[] partial = Frames.tcp4(TcpFlags.ACK).payload(100).checksumPartial().build();
        PacketView v = Frames.parsed(partial);
        int l4Length = v.l4Length();
        int stored = BigEndian.u16(v.segment(), v.l4Offset() + 16);

        assertThat(stored).isEqualTo(Checksums.fold(Checksums.pseudoHeaderV4(CLIENT_V4, VIP_V4, 6, l4Length)));
        assertThat(Frames.checksumsValid(partial)).isFalse();
        assertThat(partial).hasSameSizeAs(full);
    }

    @Test
    void padsShortFramesToTheEthernetMinimumOutsideTheIpDatagram() {
        byte[] frame = FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv4(CLIENT_V4, VIP_V4).udp(1, 2).padTo(60).build();
        PacketView v = Frames.parsed(frame);

        assertThat(frame).hasSize(60);
        assertThat(v.result()).isEqualTo(ParseResult.OK);
        assertThat(v.ipEnd()).isEqualTo(14 + 28);
        assertThat(Frames.checksumsValid(frame)).isTrue();
    }
}
