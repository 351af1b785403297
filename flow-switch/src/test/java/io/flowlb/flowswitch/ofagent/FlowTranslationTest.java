package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.AgentHarness.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.FlowFlag;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStats;
import io.flowlb.flowswitch.datapath.spec.Instruction;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

class FlowTranslationTest {
    /** The datapath's field names, beside OpenFlowJ's {@code MatchField}. */
    private interface SpecField {
        io.flowlb.flowswitch.datapath.spec.MatchField IPV4_DST = io.flowlb.flowswitch.datapath.spec.MatchField.IPV4_DST;
        io.flowlb.flowswitch.datapath.spec.MatchField IPV4_SRC = io.flowlb.flowswitch.datapath.spec.MatchField.IPV4_SRC;
        io.flowlb.flowswitch.datapath.spec.MatchField ETH_DST = io.flowlb.flowswitch.datapath.spec.MatchField.ETH_DST;
        io.flowlb.flowswitch.datapath.spec.MatchField ETH_TYPE = io.flowlb.flowswitch.datapath.spec.MatchField.ETH_TYPE;
        io.flowlb.flowswitch.datapath.spec.MatchField IPV6_DST = io.flowlb.flowswitch.datapath.spec.MatchField.IPV6_DST;
        io.flowlb.flowswitch.datapath.spec.MatchField VLAN_VID = io.flowlb.flowswitch.datapath.spec.MatchField.VLAN_VID;
    }

    private final AgentHarness h = new AgentHarness();
    private final EmbeddedChannel ch = h.controller();

    private static org.projectfloodlight.openflow.protocol.match.Match vipMatch() {
        return F13.buildMatch()
                .setExact(MatchField.IN_PORT, OFPort.of(1))
                .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setMasked(MatchField.IPV4_SRC, IPv4Address.of("10.1.0.0"), IPv4Address.of("255.255.0.0"))
                .setExact(MatchField.IPV4_DST, IPv4Address.of("10.0.0.100"))
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP)
                .setExact(MatchField.TCP_DST, TransportPort.of(80))
                .build();
    }

    private static List<OFInstruction> natActions() {
        List<OFAction> actions = List.of(
                F13.actions().setField(F13.oxms().ethDst(MacAddress.of("02:00:00:00:00:0b"))),
                F13.actions().setField(F13.oxms().ipv4Dst(IPv4Address.of("10.0.0.11"))),
                F13.actions().output(OFPort.of(3), 0xffff));
        return List.of(F13.instructions().applyActions(actions), F13.instructions().gotoTable(TableId.of(1)));
    }

    @Test
    void translatesAFlowAddWithMaskedMatchSetFieldsAndGoto() {
        h.send(ch, F13.buildFlowAdd().setXid(3).setTableId(TableId.of(0)).setPriority(100)
                .setCookie(U64.of(0xabcdL)).setIdleTimeout(10).setHardTimeout(60)
                .setFlags(Set.of(OFFlowModFlags.SEND_FLOW_REM, OFFlowModFlags.CHECK_OVERLAP))
                .setMatch(vipMatch()).setInstructions(natActions()).build());
        assertThat(AgentHarness.read(ch)).isEmpty();
        FlowMod mod = h.datapath.flowMods.get(0);
        assertThat(mod.command()).isEqualTo(FlowModCommand.ADD);
        FlowSpec spec = mod.spec();
        assertThat(spec.priority()).isEqualTo(100);
        assertThat(spec.cookie()).isEqualTo(0xabcdL);
        assertThat(spec.idleTimeout()).isEqualTo(10);
        assertThat(spec.hardTimeout()).isEqualTo(60);
        assertThat(spec.flags()).containsExactlyInAnyOrder(FlowFlag.SEND_FLOW_REM, FlowFlag.CHECK_OVERLAP);
        assertThat(spec.match().check().isError()).isFalse();
        assertThat(spec.match().exactValue(SpecField.IPV4_DST))
                .isEqualTo(0x0a000064L);
        MatchEntry src = spec.match().get(SpecField.IPV4_SRC);
        assertThat(src.maskLo()).isEqualTo(0xffff0000L);
        assertThat(src.lo()).isEqualTo(0x0a010000L);
        assertThat(spec.instructions()).containsExactly(
                new Instruction.ApplyActions(List.of(
                        new Action.SetField(SpecField.ETH_DST, 0x02000000000bL),
                        new Action.SetField(SpecField.IPV4_DST, 0x0a00000bL),
                        new Action.Output(3, 0xffff))),
                new Instruction.GotoTable(1));
    }

    @Test
    void passesCookieMaskAndOutFiltersOfADelete() {
        h.send(ch, F13.buildFlowDeleteStrict().setTableId(TableId.ALL).setCookie(U64.of(0x10))
                .setCookieMask(U64.of(0xf0)).setOutPort(OFPort.of(2)).setOutGroup(OFGroup.of(7))
                .setMatch(F13.buildMatch().build()).build());
        FlowMod mod = h.datapath.flowMods.get(0);
        assertThat(mod.command()).isEqualTo(FlowModCommand.DELETE_STRICT);
        assertThat(mod.cookieMask()).isEqualTo(0xf0);
        assertThat(mod.spec().cookie()).isEqualTo(0x10);
        assertThat(mod.outPort()).isEqualTo(2);
        assertThat(mod.outGroup()).isEqualTo(7);
        assertThat(mod.spec().tableId()).isEqualTo(FlowMod.ALL_TABLES);
    }

    @Test
    void translatesModifyAndModifyStrict() {
        h.send(ch, F13.buildFlowModify().setMatch(F13.buildMatch().build()).build());
        h.send(ch, F13.buildFlowModifyStrict().setMatch(F13.buildMatch().build()).build());
        assertThat(h.datapath.flowMods).extracting(FlowMod::command)
                .containsExactly(FlowModCommand.MODIFY, FlowModCommand.MODIFY_STRICT);
    }

    @Test
    void keepsIpv6AndVlanMatchesExact() {
        h.send(ch, F13.buildFlowAdd().setMatch(F13.buildMatch()
                .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(10))
                .setExact(MatchField.ETH_TYPE, EthType.IPv6)
                .setExact(MatchField.IPV6_DST, IPv6Address.of("2001:db8::1"))
                .build()).build());
        Match m = h.datapath.flowMods.get(0).spec().match();
        MatchEntry dst = m.get(SpecField.IPV6_DST);
        assertThat(dst.hi()).isEqualTo(0x20010db800000000L);
        assertThat(dst.lo()).isEqualTo(1L);
        assertThat(dst.isExact()).isTrue();
        assertThat(m.exactValue(SpecField.VLAN_VID)).isEqualTo(0x1000 | 10);
    }

    @Test
    void dumpsFlowsWithCountersCookiesAndTheSameMatchAndInstructions() {
        h.send(ch, F13.buildFlowAdd().setPriority(100).setCookie(U64.of(0xabcdL)).setMatch(vipMatch())
                .setInstructions(natActions()).build());
        FlowSpec installed = h.datapath.flowMods.get(0).spec();
        h.datapath.flows = List.of(new FlowStats(installed, 2_500_000_000L, 42, 4200));
        h.send(ch, F13.buildFlowStatsRequest().setXid(11).setTableId(TableId.ALL).setMatch(F13.buildMatch().build())
                .build());
        OFFlowStatsReply reply = (OFFlowStatsReply) AgentHarness.only(ch);
        assertThat(reply.getXid()).isEqualTo(11);
        OFFlowStatsEntry e = reply.getEntries().get(0);
        assertThat(e.getPacketCount().getValue()).isEqualTo(42);
        assertThat(e.getByteCount().getValue()).isEqualTo(4200);
        assertThat(e.getCookie().getValue()).isEqualTo(0xabcdL);
        assertThat(e.getDurationSec()).isEqualTo(2);
        assertThat(e.getDurationNsec()).isEqualTo(500_000_000L);
        assertThat(e.getMatch()).isEqualTo(vipMatch());
        assertThat(e.getInstructions()).isEqualTo(natActions());
        assertThat(h.datapath.statsRequests.get(0).tableId()).isEqualTo(FlowMod.ALL_TABLES);
        assertThat(h.datapath.statsRequests.get(0).outPort()).isEqualTo(PortNumbers.ANY);
    }

    @Test
    void splitsALongFlowDumpIntoRepliesBelowTheMessageLimit() {
        FlowSpec spec = FlowSpec.apply(0, 1, Match.of(MatchEntry.exact(
                SpecField.ETH_TYPE, 0x0800)), new Action.Output(1));
        FlowStats one = new FlowStats(spec, 0, 1, 1);
        h.datapath.flows = java.util.Collections.nCopies(2000, one);
        h.send(ch, F13.buildFlowStatsRequest().setXid(4).setTableId(TableId.ALL).setMatch(F13.buildMatch().build())
                .build());
        List<OFMessage> replies = AgentHarness.read(ch);
        assertThat(replies.size()).isGreaterThan(1);
        int entries = 0;
        for (int i = 0; i < replies.size(); i++) {
            OFFlowStatsReply r = (OFFlowStatsReply) replies.get(i);
            entries += r.getEntries().size();
            assertThat(r.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)).isEqualTo(i < replies.size() - 1);
        }
        assertThat(entries).isEqualTo(2000);
    }
}
