package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.Frames.CLIENT_MAC;
import static io.flowlb.loadbalancer.packet.Frames.CLIENT_V4;
import static io.flowlb.loadbalancer.packet.Frames.CLIENT_V6_HI;
import static io.flowlb.loadbalancer.packet.Frames.CLIENT_V6_LO;
import static io.flowlb.loadbalancer.packet.Frames.SWITCH_MAC;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V4;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_HI;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_LO;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Every accessor of the view on frames whose field values are known, and 5-tuple extraction. */
class PacketViewFieldsTest {

    @Test
    void readsEveryIpv4AndTcpField() {
        PacketView v = Frames.parsed(Frames.tcp4(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR).vlan(42, 5)
                .ttl(17).trafficClass((46 << 2) | 1).identification(0xbeef).dontFragment().tcpWindow(29200)
                .payload(3).build());

        assertThat(v.ethDst()).isEqualTo(SWITCH_MAC);
        assertThat(v.ethSrc()).isEqualTo(CLIENT_MAC);
        assertThat(v.vlanTci()).isEqualTo((5 << 13) | 42);
        assertThat(v.ipv4Src()).isEqualTo(CLIENT_V4);
        assertThat(v.ipv4Dst()).isEqualTo(VIP_V4);
        assertThat(v.ipTtl()).isEqualTo(17);
        assertThat(v.ipDscp()).isEqualTo(46);
        assertThat(v.ipEcn()).isEqualTo(1);
        assertThat(v.ipv4Id()).isEqualTo(0xbeef);
        assertThat(v.isFragment()).isFalse();
        assertThat(v.tcpSeq()).isEqualTo(1000);
        assertThat(v.tcpAck()).isEqualTo(2000);
        assertThat(v.tcpFlags()).isEqualTo(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR);
        assertThat(v.tcpWindow()).isEqualTo(29200);
        assertThat(v.tcpHeaderLength()).isEqualTo(20);
        assertThat(v.l4Length()).isEqualTo(23);
        assertThat(v.ipEnd()).isEqualTo(18 + 43);
    }

    @Test
    void readsEveryIpv6Field() {
        PacketView v = Frames.parsed(Frames.udp6().ttl(3).trafficClass(0xb8).flowLabel(0xabcde).payload(1).build());

        assertThat(v.ipv6SrcHi()).isEqualTo(CLIENT_V6_HI);
        assertThat(v.ipv6SrcLo()).isEqualTo(CLIENT_V6_LO);
        assertThat(v.ipv6DstHi()).isEqualTo(VIP_V6_HI);
        assertThat(v.ipv6DstLo()).isEqualTo(VIP_V6_LO);
        assertThat(v.ipTtl()).isEqualTo(3);
        assertThat(v.ipDscp()).isEqualTo(46);
        assertThat(v.ipv6FlowLabel()).isEqualTo(0xabcde);
        assertThat(v.ipv4Src()).isZero();
    }

    @Test
    void readsArpFields() {
        PacketView v = Frames.parsed(FrameBuilder.ethernet(CLIENT_MAC, SWITCH_MAC)
                .arp(2, SWITCH_MAC, VIP_V4, CLIENT_MAC, CLIENT_V4).build());

        assertThat(v.arpOp()).isEqualTo(2);
        assertThat(v.arpSha()).isEqualTo(SWITCH_MAC);
        assertThat(v.arpSpa()).isEqualTo(VIP_V4);
        assertThat(v.arpTha()).isEqualTo(CLIENT_MAC);
        assertThat(v.arpTpa()).isEqualTo(CLIENT_V4);
        assertThat(v.ipVersion()).isZero();
        assertThat(v.ipProtocol()).isEqualTo(-1);
    }

    @Test
    void extractsAnIpv4KeyAsIpv4Mapped() {
        FlowKey key = new FlowKey();

        assertThat(Frames.parsed(Frames.tcp4(TcpFlags.SYN).build()).extractKey(key)).isTrue();

        FlowKey expected = new FlowKey();
        expected.setV4(CLIENT_V4, VIP_V4, IpProtocol.TCP, Frames.CLIENT_PORT, Frames.VIP_PORT);
        assertThat(key).usingRecursiveComparison().isEqualTo(expected);
        assertThat(key.isV4()).isTrue();
    }

    @Test
    void extractsAnIpv6Key() {
        FlowKey key = new FlowKey();
        Frames.parsed(Frames.udp6().build()).extractKey(key);

        FlowKey expected = new FlowKey();
        expected.setV6(CLIENT_V6_HI, CLIENT_V6_LO, VIP_V6_HI, VIP_V6_LO, IpProtocol.UDP, Frames.CLIENT_PORT, 53);
        assertThat(key).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void extractsEspWithoutPortsSoDsrHashesOnAddressesAndProtocol() {
        FlowKey key = new FlowKey();
        Frames.parsed(Frames.udp4().protocol(IpProtocol.ESP).payload(16).build()).extractKey(key);

        assertThat(key.protocol).isEqualTo(IpProtocol.ESP);
        assertThat(key.srcPort).isZero();
        assertThat(key.dstPort).isZero();
    }

    @Test
    void extractsNothingFromArpAndSaysSo() {
        FlowKey key = new FlowKey();
        key.setV4(1, 2, 6, 3, 4);

        assertThat(Frames.parsed(Frames.arpRequest(VIP_V4).build()).extractKey(key)).isFalse();
        assertThat(key).usingRecursiveComparison().isEqualTo(new FlowKey());
    }

    @Test
    void readsAFrameInOffHeapMemoryAtAnOffset() {
        byte[] frame = Frames.tcp4(TcpFlags.ACK).build();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ring = arena.allocate(4096);
            MemorySegment.copy(MemorySegment.ofArray(frame), 0, ring, 2050, frame.length);
            PacketView v = new PacketView().wrap(ring, 2050, frame.length);

            assertThat(v.parse()).isEqualTo(ParseResult.OK);
            assertThat(v.dstPort()).isEqualTo(Frames.VIP_PORT);
            assertThat(v.base()).isEqualTo(2050);
        }
    }

    @Test
    void cutsALengthReachingPastTheSegmentInsteadOfReadingOutside() {
        byte[] frame = Frames.tcp4(TcpFlags.ACK).build();
        PacketView v = new PacketView().wrap(Frames.segment(frame), 30, 9000);

        assertThat(v.length()).isEqualTo(frame.length - 30);
        assertThat(v.parse()).isNotEqualTo(ParseResult.OK);
        assertThat(new PacketView().wrap(Frames.segment(frame), 900, 60).parse()).isEqualTo(ParseResult.TRUNCATED_L2);
        assertThat(new PacketView().wrap(Frames.segment(frame), -4, 60).parse()).isEqualTo(ParseResult.TRUNCATED_L2);
    }

    @Test
    void rewrappingForgetsThePreviousFrame() {
        PacketView v = Frames.parsed(Frames.tcp4(TcpFlags.ACK).vlan(3, 0).build());
        byte[] arp = Frames.arpRequest(VIP_V4).build();
        v.wrap(Frames.segment(arp), 0, arp.length);

        assertThat(v.result()).isEqualTo(-1);
        assertThat(v.vlanId()).isEqualTo(-1);
        assertThat(v.l4Offset()).isEqualTo(-1);
        assertThat(v.srcPort()).isZero();
    }
}
