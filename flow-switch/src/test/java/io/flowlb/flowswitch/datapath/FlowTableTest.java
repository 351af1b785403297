package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.IP_B;
import static io.flowlb.flowswitch.datapath.Frames.MAC_A;
import static io.flowlb.flowswitch.datapath.Frames.MAC_B;
import static io.flowlb.flowswitch.datapath.Frames.VIP;
import static io.flowlb.flowswitch.datapath.Frames.ip;
import static io.flowlb.flowswitch.datapath.Frames.tcp;
import static io.flowlb.flowswitch.datapath.Frames.udp;
import static io.flowlb.flowswitch.datapath.spec.MatchEntry.exact;
import static io.flowlb.flowswitch.datapath.spec.MatchEntry.masked;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowFlag;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.Instruction;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final Match IPV4 = Match.of(exact(MatchField.ETH_TYPE, 0x0800));

    private static Match tcpTo(int dst, int port) {
        return Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IP_PROTO, 6),
                exact(MatchField.IPV4_DST, dst), exact(MatchField.TCP_DST, port));
    }

    @Test
    void higherPriorityFlowWinsOverlappingMatch() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(FlowSpec.apply(0, 10, IPV4, new Output(2)));
        sw.add(FlowSpec.apply(0, 20, tcpTo(IP_B, 80), new Output(3)));
        sw.receive(1, tcp(IP_A, IP_B, 1234, 80));
        sw.receive(1, tcp(IP_A, IP_B, 1234, 81));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1));
    }

    @Test
    void maskedAddressMatchesItsPrefixOnly() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0800),
                masked(MatchField.IPV4_DST, ip(10, 0, 0, 0), 0xffffff00L)), new Output(2)));
        sw.receive(1, tcp(IP_A, ip(10, 0, 0, 77), 1, 2));
        sw.receive(1, tcp(IP_A, ip(10, 0, 1, 77), 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1));
    }

    @Test
    void maskedEthernetAddressMatchesMulticastBit() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 10, Match.of(masked(MatchField.ETH_DST, 0x01_00_00_00_00_00L,
                0x01_00_00_00_00_00L)), new Output(3)));
        sw.add(FlowSpec.apply(0, 5, Match.ALL, new Output(2)));
        sw.receive(1, tcp(Frames.BROADCAST, MAC_A, IP_A, IP_B, 1, 2));
        sw.receive(1, tcp(MAC_B, MAC_A, IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1));
    }

    @Test
    void transportFieldWithoutProtocolIsRejectedNotDropped() {
        TestSwitch sw = new TestSwitch(2);
        FlowSpec bad = FlowSpec.apply(0, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0800),
                exact(MatchField.TCP_DST, 80)), new Output(2));
        assertThat(sw.datapath.flowMod(FlowMod.add(bad))).isEqualTo(DatapathError.BAD_PREREQ);
        FlowSpec noEthType = FlowSpec.apply(0, 10, Match.of(exact(MatchField.IPV4_DST, IP_B)), new Output(2));
        assertThat(sw.datapath.flowMod(FlowMod.add(noEthType))).isEqualTo(DatapathError.BAD_PREREQ);
        assertThat(sw.datapath.flowStats(FlowStatsRequest.all())).isEmpty();
    }

    @Test
    void noTableMissFlowMeansDrop() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 10, tcpTo(IP_B, 80), new Output(2)));
        sw.receive(1, udp(IP_A, IP_B, 5, 80));
        sw.housekeeping();
        assertThat(sw.where()).isEmpty();
        assertThat(sw.packetIns).isEmpty();
        assertThat(sw.counter("no_match")).isEqualTo(1);
    }

    @Test
    void udpAndTcpPortsAreDistinctFields() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IP_PROTO, 17),
                exact(MatchField.UDP_DST, 53)), new Output(3)));
        sw.add(FlowSpec.apply(0, 10, tcpTo(IP_B, 53), new Output(2)));
        sw.receive(1, udp(IP_A, IP_B, 5, 53));
        sw.receive(1, tcp(IP_A, IP_B, 5, 53));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1));
    }

    @Test
    void inPortAndVlanMatch() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.IN_PORT, 1),
                exact(MatchField.VLAN_VID, MatchField.VLAN_PRESENT | 10)), new Output(3)));
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.IN_PORT, 1),
                exact(MatchField.VLAN_VID, MatchField.VLAN_NONE)), new Output(2)));
        sw.add(FlowSpec.apply(0, 9, Match.of(masked(MatchField.VLAN_VID, MatchField.VLAN_PRESENT,
                MatchField.VLAN_PRESENT)), new Output(4)));
        byte[] tagged10 = io.flowlb.loadbalancer.packet.FrameBuilder.ethernet(MAC_B, MAC_A).vlan(10, 0)
                .ipv4(IP_A, IP_B).udp(1, 2).build();
        byte[] tagged11 = io.flowlb.loadbalancer.packet.FrameBuilder.ethernet(MAC_B, MAC_A).vlan(11, 0)
                .ipv4(IP_A, IP_B).udp(1, 2).build();
        sw.receive(1, tagged10);
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.receive(1, tagged11);
        sw.receive(2, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1), Map.entry(4, 1));
    }

    @Test
    void gotoTableWithMetadataSelectsLaterFlow() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(FlowSpec.apply(0, 1, Match.ALL).withInstructions(List.of(
                new Instruction.WriteMetadata(0x5, 0xff), new Instruction.GotoTable(3))));
        sw.add(FlowSpec.apply(3, 10, Match.of(exact(MatchField.METADATA, 0x5)), new Output(4)));
        sw.add(FlowSpec.apply(3, 10, Match.of(exact(MatchField.METADATA, 0x6)), new Output(2)));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(4, 2));
    }

    @Test
    void laterTableSeesRewrittenHeaders() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(FlowSpec.apply(0, 1, IPV4).withInstructions(FlowSpec.applyThenGoto(1,
                new io.flowlb.flowswitch.datapath.spec.Action.SetField(MatchField.IPV4_DST, VIP))));
        sw.add(FlowSpec.apply(1, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IPV4_DST, VIP)),
                new Output(3)));
        for (int i = 0; i < 2; i++) { // the second frame replays the microflow cache
            sw.receive(1, udp(IP_A, IP_B, 1, 2));
        }
        assertThat(sw.where()).containsExactly(Map.entry(3, 2));
    }

    @Test
    void gotoBackwardsIsRejected() {
        TestSwitch sw = new TestSwitch(2);
        FlowSpec back = FlowSpec.apply(2, 1, Match.ALL).withInstructions(List.of(new Instruction.GotoTable(1)));
        assertThat(sw.datapath.flowMod(FlowMod.add(back))).isEqualTo(DatapathError.BAD_INST_TABLE_ID);
        FlowSpec far = FlowSpec.apply(0, 1, Match.ALL).withInstructions(List.of(new Instruction.GotoTable(99)));
        assertThat(sw.datapath.flowMod(FlowMod.add(far))).isEqualTo(DatapathError.BAD_INST_TABLE_ID);
        assertThat(sw.datapath.flowMod(FlowMod.add(FlowSpec.apply(42, 1, Match.ALL))))
                .isEqualTo(DatapathError.BAD_TABLE_ID);
    }

    @Test
    void checkOverlapRefusesSamePriorityOverlap() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 10, IPV4, new Output(2)));
        FlowSpec overlapping = FlowSpec.apply(0, 10, tcpTo(IP_B, 80), new Output(3))
                .withFlags(Set.of(FlowFlag.CHECK_OVERLAP));
        assertThat(sw.datapath.flowMod(FlowMod.add(overlapping))).isEqualTo(DatapathError.OVERLAP);
        FlowSpec otherPriority = overlapping.withFlags(Set.of(FlowFlag.CHECK_OVERLAP));
        assertThat(sw.datapath.flowMod(FlowMod.add(new FlowSpec(0, 11, otherPriority.match(),
                otherPriority.instructions(), 0, 0, 0, otherPriority.flags())))).isEqualTo(DatapathError.NONE);
    }

    @Test
    void addingSameMatchAndPriorityReplacesAndKeepsCounters() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 10, IPV4, new Output(2)));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.add(FlowSpec.apply(0, 10, IPV4, new Output(3)));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1));
        var stats = sw.datapath.flowStats(FlowStatsRequest.all());
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).packets()).isEqualTo(2);
    }

    @Test
    void modifyChangesActionsOfCoveredFlowsOnlyAndNeverAdds() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(FlowSpec.apply(0, 10, tcpTo(IP_B, 80), new Output(2)));
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0806)), new Output(2)));
        FlowSpec mod = FlowSpec.apply(0, 0, IPV4, new Output(3));
        assertThat(sw.datapath.flowMod(FlowMod.of(FlowModCommand.MODIFY, mod))).isEqualTo(DatapathError.NONE);
        sw.receive(1, tcp(IP_A, IP_B, 9, 80));
        sw.receive(1, Frames.arpRequest(MAC_A, IP_A, IP_B));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1));
        FlowSpec strictMiss = FlowSpec.apply(0, 11, tcpTo(IP_B, 80), new Output(4));
        sw.datapath.flowMod(FlowMod.of(FlowModCommand.MODIFY_STRICT, strictMiss));
        assertThat(sw.datapath.flowStats(FlowStatsRequest.all())).hasSize(2);
    }

    @Test
    void deleteHonoursCookieMaskAndOutPort() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(FlowSpec.apply(0, 10, tcpTo(IP_B, 80), new Output(2)).withCookie(0x1100));
        sw.add(FlowSpec.apply(0, 10, tcpTo(IP_B, 81), new Output(3)).withCookie(0x1200));
        sw.add(FlowSpec.apply(0, 10, tcpTo(IP_B, 82), new Output(2)).withCookie(0x2100));
        FlowSpec byCookie = FlowSpec.apply(FlowMod.ALL_TABLES, 0, Match.ALL).withCookie(0x1000);
        sw.datapath.flowMod(new FlowMod(FlowModCommand.DELETE, byCookie, 0xf000, 2, GroupSpec.ANY));
        sw.receive(1, tcp(IP_A, IP_B, 9, 80));
        sw.receive(1, tcp(IP_A, IP_B, 9, 81));
        sw.receive(1, tcp(IP_A, IP_B, 9, 82));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1));
    }

    @Test
    void deleteStrictNeedsSamePriorityAndMatch() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 10, tcpTo(IP_B, 80), new Output(2)));
        sw.datapath.flowMod(FlowMod.of(FlowModCommand.DELETE_STRICT, FlowSpec.apply(0, 11, tcpTo(IP_B, 80))));
        sw.receive(1, tcp(IP_A, IP_B, 9, 80));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1));
        sw.datapath.flowMod(FlowMod.of(FlowModCommand.DELETE_STRICT, FlowSpec.apply(0, 10, tcpTo(IP_B, 80))));
        sw.receive(1, tcp(IP_A, IP_B, 9, 80));
        assertThat(sw.where()).isEmpty();
    }

    @Test
    void thousandFlowsEachReachTheirPort() {
        TestSwitch sw = new TestSwitch(8);
        for (int i = 0; i < 1000; i++) {
            sw.add(FlowSpec.apply(0, 100 + (i % 7), tcpTo(ip(10, 1, i >> 8, i & 0xff), 80), new Output(2 + i % 6)));
        }
        for (int i = 0; i < 1000; i += 37) {
            sw.receive(1, tcp(IP_A, ip(10, 1, i >> 8, i & 0xff), 5, 80));
            assertThat(sw.where()).as("flow %d", i).containsExactly(Map.entry(2 + i % 6, 1));
        }
    }

    @Test
    void flowStatsFilterByTableAndOutPort() {
        TestSwitch sw = new TestSwitch(3);
        sw.add(FlowSpec.apply(0, 10, tcpTo(IP_B, 80), new Output(2)));
        sw.add(FlowSpec.apply(1, 10, tcpTo(IP_B, 81), new Output(3)));
        sw.receive(1, tcp(IP_A, IP_B, 9, 80));
        var only2 = sw.datapath.flowStats(new FlowStatsRequest(FlowMod.ALL_TABLES, 2, GroupSpec.ANY, 0, 0,
                Match.ALL));
        assertThat(only2).hasSize(1);
        assertThat(only2.get(0).packets()).isEqualTo(1);
        assertThat(only2.get(0).bytes()).isEqualTo(tcp(IP_A, IP_B, 9, 80).length);
        assertThat(sw.datapath.aggregateStats(new FlowStatsRequest(1, PortNumbers.ANY, GroupSpec.ANY, 0, 0,
                Match.ALL)).flowCount()).isEqualTo(1);
        var tables = sw.datapath.tableStats();
        assertThat(tables.get(0).activeCount()).isEqualTo(1);
        assertThat(tables.get(0).lookupCount()).isEqualTo(1);
        assertThat(tables.get(0).matchedCount()).isEqualTo(1);
    }
}
