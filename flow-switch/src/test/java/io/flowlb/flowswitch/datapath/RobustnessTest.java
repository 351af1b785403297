package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.IP_B;
import static io.flowlb.flowswitch.datapath.Frames.MAC_A;
import static io.flowlb.flowswitch.datapath.Frames.MAC_B;
import static io.flowlb.flowswitch.datapath.Frames.VIP;
import static io.flowlb.flowswitch.datapath.Frames.udp;
import static io.flowlb.flowswitch.datapath.Frames.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.Action.SetField;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.flowswitch.io.RxFlags;
import io.flowlb.loadbalancer.packet.Checksums;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.TcpFlags;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustnessTest {

    private static TestSwitch forwarding() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 0, Match.ALL, new Output(2)));
        return sw;
    }

    @Test
    void malformedFramesAreCountedByReasonAndDropped() {
        TestSwitch sw = forwarding();
        sw.receive(1, new byte[10]);
        sw.receive(1, FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, IP_B).ihlField(3).udp(1, 2).build());
        sw.receive(1, FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, IP_B).ipLengthField(4000).udp(1, 2).build());
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.sent(2)).hasSize(1);
        assertThat(sw.counter("malformed_truncated_l2")).isEqualTo(1);
        assertThat(sw.counter("malformed_bad_ihl")).isEqualTo(1);
        assertThat(sw.counter("malformed_bad_ip_length")).isEqualTo(1);
        var port = sw.datapath.portStats(1).get(0);
        assertThat(port.rxPackets()).isEqualTo(4);
        assertThat(port.rxDropped()).isEqualTo(3);
    }

    @Test
    void framesTheKernelDroppedOnAFullReceiveRingShowInThePortStatistics() {
        TestSwitch sw = forwarding();
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.ports.get(1).counters().addRxOverruns(7);

        var port = sw.datapath.portStats(1).get(0);

        assertThat(port.rxOverErr()).isEqualTo(7);
        assertThat(port.rxDropped()).isEqualTo(7);
        assertThat(port.rxPackets()).isEqualTo(1);
    }

    @Test
    void framesCutShortByTheRingAreDroppedAndCounted() {
        TestSwitch sw = forwarding();
        sw.receive(1, udp(IP_A, IP_B, 1, 2), RxFlags.TRUNCATED);
        assertThat(sw.sent(2)).isEmpty();
        assertThat(sw.counter("rx_truncated")).isEqualTo(1);
    }

    @Test
    void partialChecksumIsCompletedBeforeRewriteAndOutput() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 0, Match.ALL, new SetField(MatchField.IPV4_DST, VIP), new Output(2)));
        byte[] partial = FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, IP_B).tcp(1000, 80, 1, 1, TcpFlags.ACK)
                .payload(300).checksumPartial().build();
        assertThat(Checksums.l4ChecksumValid(view(partial))).isFalse();
        sw.receive(1, partial, RxFlags.CSUM_NOT_READY);
        PacketView out = view(sw.sent(2).get(0));
        assertThat(out.ipv4Dst()).isEqualTo(VIP);
        assertThat(Checksums.l4ChecksumValid(out)).isTrue();
        assertThat(Checksums.ipv4HeaderChecksumValid(out)).isTrue();
    }

    @Test
    void tcpSuperFrameIsSegmentedForTheOutputMtu() {
        TestSwitch sw = forwarding();
        byte[] payload = new byte[64_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        byte[] big = FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, IP_B).tcp(1000, 80, 5000, 1, TcpFlags.ACK
                | TcpFlags.PSH).payload(payload).checksumPartial().build();
        sw.receive(1, big, RxFlags.CSUM_NOT_READY);
        List<byte[]> segments = sw.sent(2);
        int mss = 1500 - 20 - 20;
        assertThat(segments).hasSize((payload.length + mss - 1) / mss);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long seq = 5000;
        for (byte[] s : segments) {
            assertThat(s.length).isLessThanOrEqualTo(1514);
            PacketView v = view(s);
            assertThat(v.tcpSeq()).isEqualTo(seq);
            assertThat(Checksums.l4ChecksumValid(v)).isTrue();
            assertThat(Checksums.ipv4HeaderChecksumValid(v)).isTrue();
            joined.write(s, v.payloadOffset(), v.payloadLength());
            seq += v.payloadLength();
        }
        assertThat(Arrays.equals(joined.toByteArray(), payload)).isTrue();
        assertThat(sw.counter("tx_segmented")).isEqualTo(segments.size());
    }

    @Test
    void oversizeFrameThatIsNotTcpIsDroppedAndCounted() {
        TestSwitch sw = forwarding();
        sw.receive(1, FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, IP_B).udp(1, 2).payload(3000).build());
        assertThat(sw.sent(2)).isEmpty();
        assertThat(sw.counter("tx_too_big")).isEqualTo(1);
        assertThat(sw.datapath.portStats(2).get(0).txDropped()).isEqualTo(1);
    }

    @Test
    void fullTransmitRingIsCountedNotBlocking() {
        TestSwitch sw = forwarding();
        sw.port(2).refuse = true;
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.counter("tx_ring_full")).isEqualTo(1);
        sw.port(2).refuse = false;
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        var p2 = sw.datapath.portStats(2).get(0);
        assertThat(p2.txPackets()).isEqualTo(1);
        assertThat(p2.txDropped()).isEqualTo(1);
    }

    @Test
    void outputToUnknownPortIsCounted() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 0, Match.ALL, new Output(77), new Output(PortNumbers.LOCAL)));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.counter("unknown_port")).isEqualTo(1);
        assertThat(sw.counter("local_port")).isEqualTo(1);
    }

    @Test
    void removedPortStopsReceivingFrames() {
        TestSwitch sw = forwarding();
        sw.datapath.removePort(2);
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.sent(2)).isEmpty();
        assertThat(sw.portEvents).contains("DELETE p2 live");
        assertThat(sw.datapath.portDesc()).extracting(p -> p.name()).contains("p1", "app-arp", "app-icmp", "app-rst")
                .doesNotContain("p2");
    }
}
