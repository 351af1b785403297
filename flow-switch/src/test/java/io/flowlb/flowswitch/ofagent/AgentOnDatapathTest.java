package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.WireClient.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.Frames;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadMatchCode;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupModFailedCode;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFOxmList;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadMatchErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFFlowModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFGroupModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/** The agent over the real datapath: what a controller sends changes where frames go. */
class AgentOnDatapathTest {
    private static final long A = Frames.mac("02:00:00:00:00:0a");
    private static final long B = Frames.mac("02:00:00:00:00:0b");

    private final RealSwitch sw = new RealSwitch(4, dp -> FailModePolicy.SECURE);
    private final EmbeddedChannel ctl = sw.controller();

    private static Match inPort(int p) {
        return F13.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(p)).build();
    }

    private void flow(int priority, Match match, long cookie, Set<OFFlowModFlags> flags, int idle,
            org.projectfloodlight.openflow.protocol.action.OFAction... actions) {
        WireClient.send(ctl, F13.buildFlowAdd().setPriority(priority).setMatch(match).setCookie(U64.of(cookie))
                .setFlags(flags).setIdleTimeout(idle)
                .setInstructions(List.of(F13.instructions().applyActions(List.of(actions)))).build());
    }

    private static org.projectfloodlight.openflow.protocol.action.OFAction out(int port) {
        return F13.actions().output(OFPort.of(port), 0xffff);
    }

    private List<OFFlowStatsEntry> dumpFlows() {
        WireClient.send(ctl, F13.buildFlowStatsRequest().setXid(99).setTableId(TableId.ALL)
                .setMatch(F13.buildMatch().build()).build());
        return ((OFFlowStatsReply) WireClient.only(ctl)).getEntries();
    }

    private static byte[] tcp(int srcPort) {
        return FrameBuilder.ethernet(Frames.SWITCH_MAC, Frames.CLIENT_MAC).ipv4(Frames.CLIENT_V4, Frames.VIP_V4)
                .tcp(srcPort, 80, 1, 0, 0x02).build();
    }

    @Test
    void anAddedFlowForwardsAndDumpFlowsShowsItsCountersAndCookie() {
        flow(10, inPort(1), 0xc0ffeeL, Set.of(), 0, out(2));
        byte[] frame = Frames.udp4().build();
        sw.receive(1, frame, frame);
        assertThat(sw.port(2).drainTransmitted()).hasSize(2).allSatisfy(f -> assertThat(f).isEqualTo(frame));
        OFFlowStatsEntry e = dumpFlows().get(0);
        assertThat(e.getCookie().getValue()).isEqualTo(0xc0ffeeL);
        assertThat(e.getPacketCount().getValue()).isEqualTo(2);
        assertThat(e.getByteCount().getValue()).isEqualTo(2L * frame.length);
        assertThat(e.getMatch()).isEqualTo(inPort(1));
    }

    @Test
    void aSelectGroupRoundTripsAndSpreadsConnectionsOverItsBuckets() {
        List<OFBucket> buckets = List.of(2, 3, 4).stream().map(p -> F13.buildBucket().setWeight(10)
                .setWatchPort(OFPort.ANY).setWatchGroup(OFGroup.ANY)
                .setActions(List.of(F13.actions().setField(F13.oxms().ethDst(MacAddress.of(0x020000000100L + p))),
                        F13.actions().setField(F13.oxms().ipv4Dst(IPv4Address.of(0x0a000000 + p))), out(p)))
                .build()).toList();
        WireClient.send(ctl, F13.buildGroupAdd().setGroup(OFGroup.of(1)).setGroupType(OFGroupType.SELECT)
                .setBuckets(buckets).build());
        flow(10, F13.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).setExact(MatchField.ETH_TYPE,
                EthType.IPv4).setExact(MatchField.IP_PROTO, IpProtocol.TCP).setExact(MatchField.TCP_DST,
                TransportPort.of(80)).build(), 0, Set.of(), 0, F13.actions().group(OFGroup.of(1)));
        assertThat(WireClient.read(ctl)).as("no errors").isEmpty();

        WireClient.send(ctl, F13.buildGroupDescStatsRequest().setXid(3).build());
        OFGroupDescStatsReply desc = (OFGroupDescStatsReply) WireClient.only(ctl);
        assertThat(desc.getEntries().get(0).getBuckets()).isEqualTo(buckets);

        for (int i = 0; i < 60; i++) {
            sw.receive(1, tcp(40_000 + i));
        }
        Set<Integer> used = new HashSet<>();
        int total = 0;
        for (int p = 2; p <= 4; p++) {
            int n = sw.port(p).drainTransmitted().size();
            total += n;
            if (n > 0) {
                used.add(p);
            }
        }
        assertThat(total).isEqualTo(60);
        assertThat(used).containsExactlyInAnyOrder(2, 3, 4);
        WireClient.send(ctl, F13.buildGroupStatsRequest().setXid(4).setGroup(OFGroup.ALL).build());
        OFGroupStatsReply stats = (OFGroupStatsReply) WireClient.only(ctl);
        assertThat(stats.getEntries().get(0).getPacketCount().getValue()).isEqualTo(60);
    }

    @Test
    void packetOutSendsTheFrameThroughAPortOrThroughTheTables() {
        byte[] frame = Frames.udp4().build();
        WireClient.send(ctl, F13.buildPacketOut().setInPort(OFPort.CONTROLLER).setActions(List.of(out(3)))
                .setData(frame).build());
        assertThat(sw.port(3).drainTransmitted()).containsExactly(frame);

        flow(10, F13.buildMatch().build(), 0, Set.of(), 0, out(4));
        WireClient.send(ctl, F13.buildPacketOut().setInPort(OFPort.CONTROLLER).setActions(List.of(
                F13.actions().output(OFPort.TABLE, 0xffff))).setData(frame).build());
        assertThat(sw.port(4).drainTransmitted()).containsExactly(frame);
        assertThat(WireClient.read(ctl)).isEmpty();
    }

    @Test
    void aTableMissFlowSendsPacketInsWithInPortAndFrame() {
        flow(0, F13.buildMatch().build(), 0, Set.of(), 0, F13.actions().output(OFPort.CONTROLLER, 0xffff));
        byte[] frame = Frames.udp4().build();
        sw.receive(2, frame);
        OFPacketIn pi = (OFPacketIn) WireClient.only(ctl);
        assertThat(pi.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(2));
        assertThat(pi.getData()).isEqualTo(frame);
        assertThat(pi.getTotalLen()).isEqualTo(frame.length);
    }

    @Test
    void deletingOrExpiringAFlowWithSendFlowRemTellsTheController() {
        flow(10, inPort(1), 5, Set.of(OFFlowModFlags.SEND_FLOW_REM), 0, out(2));
        flow(10, inPort(2), 6, Set.of(OFFlowModFlags.SEND_FLOW_REM), 3, out(1));
        WireClient.send(ctl, F13.buildFlowDelete().setTableId(TableId.ALL).setCookie(U64.of(5))
                .setCookieMask(U64.NO_MASK).setMatch(F13.buildMatch().build()).build());
        OFFlowRemoved deleted = (OFFlowRemoved) WireClient.only(ctl);
        assertThat(deleted.getReason()).isEqualTo(OFFlowRemovedReason.DELETE);
        assertThat(deleted.getCookie().getValue()).isEqualTo(5);

        sw.advanceSeconds(4);
        sw.pump();
        OFFlowRemoved expired = (OFFlowRemoved) WireClient.only(ctl);
        assertThat(expired.getReason()).isEqualTo(OFFlowRemovedReason.IDLE_TIMEOUT);
        assertThat(expired.getCookie().getValue()).isEqualTo(6);
        assertThat(dumpFlows()).isEmpty();
    }

    @Test
    void theDatapathsRefusalsReachTheControllerAsErrors() {
        WireClient.send(ctl, F13.buildFlowAdd().setXid(1).setMatch(F13.matchV3(OFOxmList.of(
                F13.oxms().tcpDst(TransportPort.of(80))))).build());
        assertThat(((OFBadMatchErrorMsg) WireClient.only(ctl)).getCode()).isEqualTo(OFBadMatchCode.BAD_PREREQ);

        flow(10, inPort(1), 0, Set.of(), 0, out(2));
        WireClient.send(ctl, F13.buildFlowAdd().setXid(2).setPriority(10).setMatch(F13.buildMatch().build())
                .setFlags(Set.of(OFFlowModFlags.CHECK_OVERLAP)).build());
        assertThat(((OFFlowModFailedErrorMsg) WireClient.only(ctl)).getCode()).isEqualTo(OFFlowModFailedCode.OVERLAP);

        WireClient.send(ctl, F13.buildGroupModify().setXid(3).setGroup(OFGroup.of(9)).setGroupType(OFGroupType.ALL)
                .setBuckets(List.of()).build());
        assertThat(((OFGroupModFailedErrorMsg) WireClient.only(ctl)).getCode())
                .isEqualTo(OFGroupModFailedCode.UNKNOWN_GROUP);
        WireClient.send(ctl, F13.buildGroupAdd().setXid(4).setGroup(OFGroup.of(9)).setGroupType(OFGroupType.ALL)
                .setBuckets(List.of()).build());
        WireClient.send(ctl, F13.buildGroupAdd().setXid(5).setGroup(OFGroup.of(9)).setGroupType(OFGroupType.ALL)
                .setBuckets(List.of()).build());
        assertThat(((OFGroupModFailedErrorMsg) WireClient.only(ctl)).getCode())
                .isEqualTo(OFGroupModFailedCode.GROUP_EXISTS);
    }

    @Test
    void aLinkGoingDownIsReportedAsPortStatus() {
        sw.port(3).setLinkUp(false);
        sw.pump();
        List<OFMessage> out = WireClient.read(ctl);
        assertThat(out).singleElement().isInstanceOf(OFPortStatus.class);
        OFPortStatus ps = (OFPortStatus) out.get(0);
        assertThat(ps.getDesc().getPortNo()).isEqualTo(OFPort.of(3));
        assertThat(ps.getDesc().getState()).contains(OFPortState.LINK_DOWN);
    }

    @Test
    void standaloneModeLearnsAndForwardsUntilAControllerConnects() {
        RealSwitch alone = new RealSwitch(3, StandaloneLearning::new);
        byte[] aToAll = FrameBuilder.ethernet(0xffff_ffff_ffffL, A).arp(1, A, 0x0a000001, 0, 0x0a000002).build();
        alone.receive(1, aToAll);
        assertThat(alone.port(2).drainTransmitted()).containsExactly(aToAll);
        assertThat(alone.port(3).drainTransmitted()).containsExactly(aToAll);

        byte[] bToA = FrameBuilder.ethernet(A, B).arp(2, B, 0x0a000002, A, 0x0a000001).build();
        alone.receive(2, bToA);
        assertThat(alone.port(1).drainTransmitted()).containsExactly(bToA);
        assertThat(alone.port(3).drainTransmitted()).isEmpty();
        alone.receive(2, bToA);
        assertThat(alone.port(1).drainTransmitted()).as("the learned flow forwards without the agent")
                .containsExactly(bToA);

        EmbeddedChannel c = alone.controller();
        WireClient.send(c, F13.buildFlowStatsRequest().setXid(1).setTableId(TableId.ALL)
                .setMatch(F13.buildMatch().build()).build());
        assertThat(((OFFlowStatsReply) WireClient.only(c)).getEntries()).as("standalone flows removed").isEmpty();
        alone.receive(1, aToAll);
        assertThat(alone.port(2).drainTransmitted()).as("misses dropped once a controller is in charge").isEmpty();
    }

    @Test
    void secureModeDropsMissesWithoutAController() {
        RealSwitch secure = new RealSwitch(2, dp -> FailModePolicy.SECURE);
        secure.receive(1, Frames.udp4().build());
        assertThat(secure.port(2).drainTransmitted()).isEmpty();
        assertThat(secure.datapath.flowStats(io.flowlb.flowswitch.datapath.spec.FlowStatsRequest.all())).isEmpty();
    }
}
