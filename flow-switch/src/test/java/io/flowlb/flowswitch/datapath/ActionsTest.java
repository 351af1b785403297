package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.IP_B;
import static io.flowlb.flowswitch.datapath.Frames.MAC_A;
import static io.flowlb.flowswitch.datapath.Frames.MAC_B;
import static io.flowlb.flowswitch.datapath.Frames.MAC_C;
import static io.flowlb.flowswitch.datapath.Frames.VIP;
import static io.flowlb.flowswitch.datapath.Frames.tcp;
import static io.flowlb.flowswitch.datapath.Frames.udp;
import static io.flowlb.flowswitch.datapath.Frames.view;
import static io.flowlb.flowswitch.datapath.spec.MatchEntry.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.Action.SetField;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Instruction;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.loadbalancer.packet.Checksums;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.PacketView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionsTest {

    private static FlowSpec all(Action... actions) {
        return FlowSpec.apply(0, 1, Match.ALL, actions);
    }

    private static void assertChecksumsValid(PacketView v) {
        if (v.ipVersion() == 4) {
            assertThat(Checksums.ipv4HeaderChecksumValid(v)).as("IPv4 header checksum").isTrue();
        }
        assertThat(Checksums.l4ChecksumValid(v)).as("L4 checksum").isTrue();
    }

    @Test
    void eachOutputEmitsTheFrameAsItIsAtThatPoint() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(all(new Output(2), new SetField(MatchField.ETH_DST, MAC_C), new Output(3)));
        byte[] in = udp(IP_A, IP_B, 1, 2);
        sw.receive(1, in);
        assertThat(sw.sent(2)).containsExactly(in);
        PacketView out = view(sw.sent(3).get(0));
        assertThat(out.ethDst()).isEqualTo(MAC_C);
        assertThat(out.ethSrc()).isEqualTo(MAC_A);
    }

    @Test
    void natRewriteOfAddressAndPortKeepsChecksumsValid() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 1, Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IP_PROTO, 6)),
                new SetField(MatchField.IPV4_DST, IP_B), new SetField(MatchField.TCP_DST, 8080),
                new SetField(MatchField.IPV4_SRC, VIP), new SetField(MatchField.TCP_SRC, 999),
                new SetField(MatchField.ETH_SRC, MAC_C), new SetField(MatchField.IP_DSCP, 46), new Output(2)));
        sw.receive(1, tcp(IP_A, VIP, 4000, 80));
        PacketView out = view(sw.sent(2).get(0));
        assertThat(out.ipv4Dst()).isEqualTo(IP_B);
        assertThat(out.ipv4Src()).isEqualTo(VIP);
        assertThat(out.dstPort()).isEqualTo(8080);
        assertThat(out.srcPort()).isEqualTo(999);
        assertThat(out.ethSrc()).isEqualTo(MAC_C);
        assertThat(out.ipDscp()).isEqualTo(46);
        assertChecksumsValid(out);
    }

    @Test
    void ipv6AndUdpRewriteKeepsChecksumValid() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(all(new SetField(MatchField.IPV6_DST, 0x2001_0db8_0000_0000L, 0x42L),
                new SetField(MatchField.UDP_DST, 53), new Output(2)));
        byte[] in = FrameBuilder.ethernet(MAC_B, MAC_A).ipv6(0x2001_0db8_0000_0000L, 1, 0x2001_0db8_0000_0000L, 2)
                .udp(5000, 5353).payload(30).build();
        sw.receive(1, in);
        PacketView out = view(sw.sent(2).get(0));
        assertThat(out.ipv6DstLo()).isEqualTo(0x42L);
        assertThat(out.dstPort()).isEqualTo(53);
        assertChecksumsValid(out);
    }

    @Test
    void settingAFieldThePacketLacksIsANoOp() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(all(new SetField(MatchField.TCP_DST, 1), new SetField(MatchField.IPV6_SRC, 1, 1),
                new SetField(MatchField.VLAN_VID, 7), new Output(2)));
        byte[] in = udp(IP_A, IP_B, 1, 2);
        sw.receive(1, in);
        assertThat(sw.sent(2)).containsExactly(in);
    }

    @Test
    void pushVlanTagsAndPopVlanRestoresTheFrame() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 1, Match.of(exact(MatchField.IN_PORT, 1)), new Action.PushVlan(0x8100),
                new SetField(MatchField.VLAN_VID, MatchField.VLAN_PRESENT | 42), new SetField(MatchField.VLAN_PCP, 5),
                new Output(2)));
        sw.add(FlowSpec.apply(0, 1, Match.of(exact(MatchField.IN_PORT, 2)), new Action.PopVlan(), new Output(3)));
        byte[] in = tcp(IP_A, IP_B, 1, 2);
        sw.receive(1, in);
        byte[] tagged = sw.sent(2).get(0);
        assertThat(tagged).hasSize(in.length + 4);
        PacketView t = view(tagged);
        assertThat(t.vlanId()).isEqualTo(42);
        assertThat(t.vlanPcp()).isEqualTo(5);
        assertThat(t.etherType()).isEqualTo(0x0800);
        assertThat(t.ipv4Dst()).isEqualTo(IP_B);
        sw.receive(2, tagged);
        assertThat(sw.sent(3)).containsExactly(in);
    }

    @Test
    void floodAndAllReachEveryPortButTheInPort() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(FlowSpec.apply(0, 1, Match.of(exact(MatchField.IN_PORT, 2)), new Output(PortNumbers.FLOOD)));
        sw.add(FlowSpec.apply(0, 1, Match.of(exact(MatchField.IN_PORT, 3)), new Output(PortNumbers.ALL)));
        sw.receive(2, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(1, 1), Map.entry(3, 1), Map.entry(4, 1));
        sw.receive(3, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(1, 1), Map.entry(2, 1), Map.entry(4, 1));
    }

    @Test
    void floodSkipsPortsThatAreDownOrNotForwarding() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(all(new Output(PortNumbers.FLOOD)));
        sw.port(3).up = false;
        sw.housekeeping();
        assertThat(sw.datapath.portMod(4, PortDesc.CONFIG_NO_FWD, PortDesc.CONFIG_NO_FWD)).isEqualTo(DatapathError.NONE);
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1));
        assertThat(sw.portEvents).contains("MODIFY p3 down");
    }

    @Test
    void inPortReservedPortSendsBackButPlainInPortNumberDoesNot() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 2, Match.of(exact(MatchField.IN_PORT, 1)), new Output(PortNumbers.IN_PORT)));
        sw.add(FlowSpec.apply(0, 2, Match.of(exact(MatchField.IN_PORT, 2)), new Output(2)));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.receive(2, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(1, 1));
    }

    @Test
    void decTtlDecrementsAndDropsAtOne() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(all(new Action.DecNwTtl(), new Output(2)));
        sw.receive(1, FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, IP_B).ttl(64).udp(1, 2).build());
        PacketView out = view(sw.sent(2).get(0));
        assertThat(out.ipTtl()).isEqualTo(63);
        assertChecksumsValid(out);
        sw.receive(1, FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(IP_A, IP_B).ttl(1).udp(1, 2).build());
        assertThat(sw.sent(2)).isEmpty();
        assertThat(sw.counter("ttl_expired")).isEqualTo(1);
    }

    @Test
    void actionSetRunsAtPipelineEndInOpenFlowOrder() {
        TestSwitch sw = new TestSwitch(3);
        // Written output first, set-field second: the set still applies before the output.
        sw.add(FlowSpec.apply(0, 1, Match.ALL).withInstructions(List.of(
                new Instruction.WriteActions(List.of(new Output(2), new SetField(MatchField.ETH_DST, MAC_C))),
                new Instruction.GotoTable(1))));
        sw.add(FlowSpec.apply(1, 1, Match.ALL).withInstructions(List.of(
                new Instruction.WriteActions(List.of(new Output(3))))));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.sent(2)).isEmpty();
        List<byte[]> out = sw.sent(3);
        assertThat(out).hasSize(1);
        assertThat(view(out.get(0)).ethDst()).isEqualTo(MAC_C);
    }

    @Test
    void clearActionsEmptiesTheActionSet() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 1, Match.ALL).withInstructions(List.of(
                new Instruction.WriteActions(List.of(new Output(2))), new Instruction.GotoTable(1))));
        sw.add(FlowSpec.apply(1, 1, Match.ALL).withInstructions(List.of(new Instruction.ClearActions())));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).isEmpty();
    }

    @Test
    void invalidActionsAreRejectedWithOpenFlowErrors() {
        TestSwitch sw = new TestSwitch(2);
        assertThat(sw.datapath.flowMod(FlowMod.add(all(new Output(PortNumbers.TABLE)))))
                .isEqualTo(DatapathError.BAD_OUT_PORT);
        assertThat(sw.datapath.flowMod(FlowMod.add(all(new Action.Group(7)))))
                .isEqualTo(DatapathError.BAD_OUT_GROUP);
        assertThat(sw.datapath.flowMod(FlowMod.add(all(new SetField(MatchField.ARP_OP, 2)))))
                .isEqualTo(DatapathError.BAD_SET_TYPE);
        assertThat(sw.datapath.flowMod(FlowMod.add(all(new SetField(MatchField.TCP_DST, 70_000)))))
                .isEqualTo(DatapathError.BAD_SET_ARGUMENT);
        assertThat(sw.datapath.flowMod(FlowMod.add(all(new Action.PushVlan(0x0800)))))
                .isEqualTo(DatapathError.BAD_ACTION_ARGUMENT);
    }

    @Test
    void packetOutSendsAndTableRunsThroughTheFlows() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 1, Match.of(exact(MatchField.IN_PORT, 1)), new Output(3)));
        byte[] frame = udp(IP_A, IP_B, 1, 2);
        assertThat(sw.datapath.packetOut(PortNumbers.CONTROLLER, List.of(new Output(2)), frame))
                .isEqualTo(DatapathError.NONE);
        assertThat(sw.datapath.packetOut(1, List.of(new Output(PortNumbers.TABLE)), frame))
                .isEqualTo(DatapathError.NONE);
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1));
        assertThat(sw.datapath.packetOut(1, List.of(new Output(2)), new byte[5]))
                .isEqualTo(DatapathError.BAD_REQUEST_BAD_PACKET);
    }
}
