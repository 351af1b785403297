package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.MAC_A;
import static io.flowlb.flowswitch.datapath.Frames.MAC_B;
import static io.flowlb.flowswitch.datapath.Frames.VIP;
import static io.flowlb.flowswitch.datapath.Frames.view;
import static io.flowlb.flowswitch.datapath.spec.MatchEntry.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.Action.SetField;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.loadbalancer.packet.Checksums;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.TcpFlags;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AppsTest {
    private static final long VMAC = 0x02_aa_bb_cc_dd_eeL;
    private static final long VIP6_HI = 0x2001_0db8_0000_0000L;
    private static final long VIP6_LO = 0x100L;
    private static final long CLIENT6_LO = 0x1L;

    private static Match match(MatchEntry... e) {
        return Match.of(e);
    }

    @Test
    void arpResponderAnswersWithTheMacTheFlowSet() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 100, match(exact(MatchField.ETH_TYPE, 0x0806), exact(MatchField.ARP_OP, 1),
                exact(MatchField.ARP_TPA, VIP)), new SetField(MatchField.ETH_SRC, VMAC), new Output(PortNumbers.APP_ARP)));
        sw.receive(1, Frames.arpRequest(MAC_A, IP_A, VIP));
        byte[] expected = FrameBuilder.ethernet(MAC_A, VMAC).arp(2, VMAC, VIP, MAC_A, IP_A).build();
        assertThat(sw.sent(1)).containsExactly(expected);
        sw.receive(1, Frames.arpRequest(MAC_A, IP_A, VIP + 1)); // not configured: no answer
        assertThat(sw.sent(1)).isEmpty();
        sw.housekeeping();
        assertThat(sw.packetIns).isEmpty();
        assertThat(sw.counter("app_arp_replies")).isEqualTo(1);
    }

    @Test
    void arpResponderAnswersNeighborSolicitationsWithAnAdvertisement() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 100, match(exact(MatchField.ETH_TYPE, 0x86dd), exact(MatchField.IP_PROTO, 58),
                exact(MatchField.ICMPV6_TYPE, 135), MatchEntry.exact128(MatchField.IPV6_ND_TARGET, VIP6_HI, VIP6_LO)),
                new SetField(MatchField.ETH_SRC, VMAC), new Output(PortNumbers.APP_ARP)));
        ByteBuffer body = ByteBuffer.allocate(24);
        body.putLong(VIP6_HI).putLong(VIP6_LO).put((byte) 1).put((byte) 1).putShort((short) (MAC_A >>> 32))
                .putInt((int) MAC_A);
        byte[] ns = FrameBuilder.ethernet(0x33_33_ff_00_01_00L, MAC_A)
                .ipv6(VIP6_HI, CLIENT6_LO, 0xff02_0000_0000_0000L, 0x1_ff00_0100L).ttl(255)
                .icmp(135, 0, 0).payload(body.array()).build();
        sw.receive(1, ns);
        var out = sw.sent(1);
        assertThat(out).hasSize(1);
        PacketView na = view(out.get(0));
        assertThat(na.ethDst()).isEqualTo(MAC_A);
        assertThat(na.ethSrc()).isEqualTo(VMAC);
        assertThat(na.icmpType()).isEqualTo(136);
        assertThat(na.ipv6SrcLo()).isEqualTo(VIP6_LO);
        assertThat(na.ipv6DstLo()).isEqualTo(CLIENT6_LO);
        assertThat(Checksums.l4ChecksumValid(na)).isTrue();
        assertThat(sw.counter("app_arp_na_sent")).isEqualTo(1);
    }

    @Test
    void icmpResponderAnswersEchoRequestsForV4AndV6() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 100, match(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IP_PROTO, 1),
                exact(MatchField.IPV4_DST, VIP), exact(MatchField.ICMPV4_TYPE, 8)), new Output(PortNumbers.APP_ICMP)));
        sw.add(FlowSpec.apply(0, 100, match(exact(MatchField.ETH_TYPE, 0x86dd), exact(MatchField.IP_PROTO, 58),
                exact(MatchField.ICMPV6_TYPE, 128)), new Output(PortNumbers.APP_ICMP)));
        byte[] ping = FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, VIP).icmpEcho(true, 0x1234, 7).payload(56).build();
        sw.receive(1, ping);
        PacketView reply = view(sw.sent(1).get(0));
        PacketView request = view(ping);
        assertThat(reply.icmpType()).isEqualTo(0);
        assertThat(reply.ethDst()).isEqualTo(MAC_A);
        assertThat(reply.ethSrc()).isEqualTo(MAC_B);
        assertThat(reply.ipv4Src()).isEqualTo(VIP);
        assertThat(reply.ipv4Dst()).isEqualTo(IP_A);
        assertThat(reply.icmpEchoId()).isEqualTo(0x1234);
        assertThat(reply.icmpEchoSeq()).isEqualTo(7);
        assertThat(payload(reply)).isEqualTo(payload(request));
        assertThat(Checksums.l4ChecksumValid(reply)).isTrue();
        assertThat(Checksums.ipv4HeaderChecksumValid(reply)).isTrue();

        byte[] ping6 = FrameBuilder.ethernet(MAC_B, MAC_A).ipv6(VIP6_HI, CLIENT6_LO, VIP6_HI, VIP6_LO)
                .icmpEcho(true, 9, 1).payload(16).build();
        sw.receive(1, ping6);
        PacketView reply6 = view(sw.sent(1).get(0));
        assertThat(reply6.icmpType()).isEqualTo(129);
        assertThat(reply6.ipv6SrcLo()).isEqualTo(VIP6_LO);
        assertThat(Checksums.l4ChecksumValid(reply6)).isTrue();
        assertThat(sw.counter("app_icmp_replies")).isEqualTo(2);
    }

    @Test
    void resetSenderAnswersTcpPerRfc793AndDropsUdp() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 100, match(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IPV4_DST, VIP)),
                new Output(PortNumbers.APP_RST)));
        byte[] syn = FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, VIP).tcp(40000, 8080, 1000, 0, TcpFlags.SYN).build();
        sw.receive(1, syn);
        PacketView rst = view(sw.sent(1).get(0));
        assertThat(rst.tcpFlags()).isEqualTo(TcpFlags.RST | TcpFlags.ACK);
        assertThat(rst.tcpSeq()).isEqualTo(0);
        assertThat(rst.tcpAck()).isEqualTo(1001);
        assertThat(rst.srcPort()).isEqualTo(8080);
        assertThat(rst.dstPort()).isEqualTo(40000);
        assertThat(rst.ipv4Src()).isEqualTo(VIP);
        assertThat(Checksums.l4ChecksumValid(rst)).isTrue();

        byte[] ack = FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, VIP).tcp(40000, 8080, 1000, 555, TcpFlags.ACK)
                .payload(10).build();
        sw.receive(1, ack);
        PacketView rst2 = view(sw.sent(1).get(0));
        assertThat(rst2.tcpFlags()).isEqualTo(TcpFlags.RST);
        assertThat(rst2.tcpSeq()).isEqualTo(555);

        sw.receive(1, FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, VIP).udp(5, 53).build());
        assertThat(sw.sent(1)).isEmpty();
        assertThat(sw.counter("app_rst_udp_dropped")).isEqualTo(1);
        assertThat(sw.counter("app_rst_sent")).isEqualTo(2);
    }

    @Test
    void applicationPortsAreListedByName() {
        TestSwitch sw = new TestSwitch(1);
        assertThat(sw.datapath.portDesc()).extracting(PortDesc::portNo, PortDesc::name).contains(
                org.assertj.core.groups.Tuple.tuple(0xfe01, "app-arp"),
                org.assertj.core.groups.Tuple.tuple(0xfe02, "app-icmp"),
                org.assertj.core.groups.Tuple.tuple(0xfe03, "app-rst"));
    }

    @Test
    void repliesKeepFlowingWhileBuffersAreReused() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 100, match(exact(MatchField.ETH_TYPE, 0x0806)), new SetField(MatchField.ETH_SRC, VMAC),
                new Output(PortNumbers.APP_ARP)));
        for (int i = 0; i < 500; i++) { // far more than the pool's buffers
            sw.receive(1, Frames.arpRequest(MAC_A, IP_A + i, VIP));
        }
        assertThat(sw.sent(1)).hasSize(500);
        assertThat(sw.counter("app_arp_no_buffer")).isZero();
    }

    private static byte[] payload(PacketView v) {
        byte[] all = v.segment().asSlice(v.base(), v.length()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        return Arrays.copyOfRange(all, v.l4Offset() + 8, v.l4Offset() + v.l4Length());
    }
}
