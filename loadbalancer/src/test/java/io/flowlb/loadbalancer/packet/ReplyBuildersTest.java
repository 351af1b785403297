package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.Frames.CLIENT_MAC;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V4;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_HI;
import static io.flowlb.loadbalancer.packet.Frames.VIP_V6_LO;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frames the switch answers by itself: input frame, builder, expected output bytes (the
 * expected hex was produced once by scapy 2.5 and pasted here).
 */
class ReplyBuildersTest {
    static final long VIP_MAC = Frames.mac("02:00:00:00:aa:01");
    private static final byte[] TEN = Frames.hex("00010203040506070809");

    /** One builder under test: answers {@code input} into {@code out} at {@code offset}. */
    interface Builder {
        int write(PacketView input, MemorySegment out, long offset);
    }

    static Stream<Arguments> replies() {
        Builder arp = (v, out, off) -> ArpReplies.write(v, VIP_MAC, out, off);
        Builder na = (v, out, off) -> NeighborAdvertisements.write(v, VIP_MAC, out, off);
        return Stream.of(
                row("ARP reply for the VIP", Frames.arpRequest(VIP_V4), arp,
                        "02000000000102000000aa010806000108000604000202000000aa01c6336401020000000001c000020a"),
                row("ARP reply keeps the VLAN tag", Frames.arpRequest(VIP_V4).vlan(7, 0), arp,
                        "02000000000102000000aa01810000070806000108000604000202000000aa01c6336401020000000001c000020a"),
                row("RST|ACK for a SYN: ack = seq + 1", Frames.tcp4(TcpFlags.SYN), TcpResets::write,
                        "0200000000010200000000fe0800450000280000400040064e91c6336401c000020a00509c4000000000000003e9"
                                + "5014000023180000"),
                row("RST for a segment with ACK: seq = its ack", Frames.tcp4(TcpFlags.ACK | TcpFlags.PSH).payload(TEN),
                        TcpResets::write,
                        "0200000000010200000000fe0800450000280000400040064e91c6336401c000020a00509c40000007d000000000"
                                + "500400001f410000"),
                row("RST|ACK for FIN without ACK and 10 data bytes: ack = seq + 10 + 1",
                        Frames.tcp4(TcpFlags.FIN).payload(TEN), TcpResets::write,
                        "0200000000010200000000fe0800450000280000400040064e91c6336401c000020a00509c4000000000000003f3"
                                + "50140000230e0000"),
                row("RST|ACK for an IPv6 SYN", Frames.tcp6(TcpFlags.SYN), TcpResets::write,
                        "0200000000010200000000fe86dd600000000014064020010db8000f0000000000000000000120010db8000c0000"
                                + "000000000000001000509c4000000000000003e950140000b3b90000"),
                row("RST ignores IPv4 options of the segment", Frames.tcp4(TcpFlags.SYN).ipv4Options(Frames.nops(8)),
                        TcpResets::write,
                        "0200000000010200000000fe0800450000280000400040064e91c6336401c000020a00509c4000000000000003e9"
                                + "5014000023180000"),
                row("ICMP echo reply", Frames.ping4(0x1234, 1).payload(TEN), IcmpEchoReplies::write,
                        "0200000000010200000000fe0800450000260000400040014e98c6336401c000020a0000d9b11234000100010203"
                                + "040506070809"),
                row("ICMPv6 echo reply", Frames.ping6(0x1234, 1).payload(TEN), IcmpEchoReplies::write,
                        "0200000000010200000000fe86dd6000000000123a4020010db8000f0000000000000000000120010db8000c0000"
                                + "00000000000000108100fcc61234000100010203040506070809"),
                row("ICMPv6 echo reply drops the request's extension headers",
                        Frames.ping6(0x1234, 1).ipv6Extension(IpProtocol.DESTINATION_OPTIONS, 8).payload(TEN),
                        IcmpEchoReplies::write,
                        "0200000000010200000000fe86dd6000000000123a4020010db8000f0000000000000000000120010db8000c0000"
                                + "00000000000000108100fcc61234000100010203040506070809"),
                row("neighbor advertisement for the VIP", Frames.neighborSolicitation(VIP_V6_HI, VIP_V6_LO), na,
                        "02000000000102000000aa0186dd6000000000203aff20010db8000f0000000000000000000120010db8000c0000"
                                + "00000000000000108800e03a6000000020010db8000f00000000000000000001020102000000aa01"),
                row("neighbor advertisement for duplicate address detection goes to all nodes",
                        FrameBuilder.ethernet(0x3333_ff00_0001L, CLIENT_MAC)
                                .ipv6(0, 0, 0xff02_0000_0000_0000L, 0x0000_0001_ff00_0001L).ttl(255).icmp(135, 0, 0)
                                .payload(ByteBuffer.allocate(16).putLong(VIP_V6_HI).putLong(VIP_V6_LO).array()),
                        na,
                        "33330000000102000000aa0186dd6000000000203aff20010db8000f00000000000000000001ff020000000000"
                                + "00000000000000000188004f0c2000000020010db8000f00000000000000000001020102000000aa01"));
    }

    static Stream<Arguments> notAnswered() {
        Builder arp = (v, out, off) -> ArpReplies.write(v, VIP_MAC, out, off);
        Builder na = (v, out, off) -> NeighborAdvertisements.write(v, VIP_MAC, out, off);
        return Stream.of(
                row("ARP reply is not a request", FrameBuilder.ethernet(CLIENT_MAC, VIP_MAC)
                        .arp(2, VIP_MAC, VIP_V4, CLIENT_MAC, Frames.CLIENT_V4), arp, null),
                row("IPv4 packet is not ARP", Frames.tcp4(TcpFlags.SYN), arp, null),
                row("no RST for an RST", Frames.tcp4(TcpFlags.RST), TcpResets::write, null),
                row("no RST for UDP", Frames.udp4(), TcpResets::write, null),
                row("no RST for a fragment", Frames.tcp4(TcpFlags.SYN).fragment(0, true).payload(TEN),
                        TcpResets::write, null),
                row("no echo reply to an echo reply", Frames.ping4(1, 1).icmpEcho(false, 1, 1), IcmpEchoReplies::write,
                        null),
                row("no echo reply to a fragmented request", Frames.ping4(1, 1).fragment(0, true).payload(TEN),
                        IcmpEchoReplies::write, null),
                row("no echo reply to destination unreachable", Frames.udp4().icmp(3, 1, 0).payload(TEN),
                        IcmpEchoReplies::write, null),
                row("no advertisement for a solicitation with hop limit 64",
                        Frames.neighborSolicitation(VIP_V6_HI, VIP_V6_LO).ttl(64), na, null),
                row("no advertisement for an echo request", Frames.ping6(1, 1), na, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void writesTheExpectedReply(String description, byte[] input, Builder builder, String expectedHex) {
        MemorySegment out = MemorySegment.ofArray(new byte[256]);
        int length = builder.write(Frames.parsed(input), out, 10);

        assertThat(length).isPositive();
        assertThat(Frames.hex(Frames.bytes(out, 10, length))).isEqualTo(expectedHex);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void answersInPlaceInTheRequestsOwnMemory(String description, byte[] input, Builder builder, String expectedHex) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = arena.allocate(256);
            MemorySegment.copy(MemorySegment.ofArray(input), 0, slot, 64, input.length);
            PacketView v = new PacketView().wrap(slot, 64, input.length);
            v.parse();
            int length = builder.write(v, slot, 64);

            assertThat(Frames.hex(Frames.bytes(slot, 64, length))).isEqualTo(expectedHex);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void writesNothingWhenTheOutputIsTooSmall(String description, byte[] input, Builder builder, String expectedHex) {
        byte[] small = new byte[expectedHex.length() / 2 - 1];
        int result = builder.write(Frames.parsed(input), MemorySegment.ofArray(small), 0);

        assertThat(result).isEqualTo(BuildResult.NO_ROOM);
        assertThat(small).containsOnly(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAnswered")
    void leavesOtherPacketsUnanswered(String description, byte[] input, Builder builder, String none) {
        byte[] out = new byte[256];

        assertThat(builder.write(Frames.parsed(input), MemorySegment.ofArray(out), 0)).isEqualTo(BuildResult.NOT_APPLICABLE);
        assertThat(out).containsOnly(0);
    }

    @Test
    void readsTheSolicitedTarget() {
        PacketView ns = Frames.parsed(Frames.neighborSolicitation(VIP_V6_HI, VIP_V6_LO).build());

        assertThat(NeighborAdvertisements.targetHi(ns)).isEqualTo(VIP_V6_HI);
        assertThat(NeighborAdvertisements.targetLo(ns)).isEqualTo(VIP_V6_LO);
    }

    @Test
    void announcesAnAddressWithGratuitousArp() {
        MemorySegment out = MemorySegment.ofArray(new byte[64]);
        int length = ArpReplies.writeAnnouncement(VIP_MAC, VIP_V4, -1, out, 0);

        assertThat(Frames.hex(Frames.bytes(out, 0, length)))
                .isEqualTo("ffffffffffff02000000aa010806000108000604000102000000aa01c6336401000000000000c6336401");
    }

    static Arguments row(String description, FrameBuilder input, Builder builder, String expectedHex) {
        return Arguments.of(description, input.build(), builder, expectedHex);
    }
}
