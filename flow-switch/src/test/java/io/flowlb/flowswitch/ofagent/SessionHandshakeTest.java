package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.AgentHarness.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFErrorType;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFGetConfigReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.types.DatapathId;

class SessionHandshakeTest {
    private final AgentHarness h = new AgentHarness();

    @Test
    void sendsHelloWithVersionBitmapOnConnect() {
        EmbeddedChannel ch = h.open(OfSession.Kind.CONTROLLER);
        OFMessage hello = AgentHarness.only(ch);
        assertThat(hello).isInstanceOf(OFHello.class);
        assertThat(hello.getVersion()).isEqualTo(OFVersion.OF_13);
        assertThat(((OFHello) hello).getElements()).isNotEmpty();
    }

    @Test
    void answersFeaturesWithDpidTablesNoBuffersAndStatsCapabilities() {
        EmbeddedChannel ch = h.controller();
        h.send(ch, F13.buildFeaturesRequest().setXid(7).build());
        OFFeaturesReply r = (OFFeaturesReply) AgentHarness.only(ch);
        assertThat(r.getXid()).isEqualTo(7);
        assertThat(r.getDatapathId()).isEqualTo(DatapathId.of(0x1234L));
        assertThat(r.getNBuffers()).isZero();
        assertThat(r.getNTables()).isEqualTo((short) 4);
        assertThat(r.getCapabilities()).containsExactlyInAnyOrder(OFCapabilities.FLOW_STATS,
                OFCapabilities.TABLE_STATS, OFCapabilities.PORT_STATS, OFCapabilities.GROUP_STATS);
    }

    @Test
    void refusesAPeerWithoutACommonVersion() {
        EmbeddedChannel ch = h.open(OfSession.Kind.CONTROLLER);
        AgentHarness.read(ch);
        h.send(ch, OFFactories.getFactory(OFVersion.OF_10).buildHello().build());
        List<OFMessage> out = AgentHarness.read(ch);
        assertThat(out).singleElement().isInstanceOf(OFHelloFailedErrorMsg.class);
        assertThat(ch.isOpen()).isFalse();
        assertThat(h.agent.connectedControllers()).isZero();
    }

    @Test
    void refusesARequestBeforeHello() {
        EmbeddedChannel ch = h.open(OfSession.Kind.CONTROLLER);
        AgentHarness.read(ch);
        h.send(ch, F13.buildFeaturesRequest().setXid(3).build());
        assertThat(AgentHarness.read(ch)).singleElement().isInstanceOf(OFHelloFailedErrorMsg.class);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void answersEchoRequestsWithTheSameData() {
        EmbeddedChannel ch = h.controller();
        h.send(ch, F13.buildEchoRequest().setXid(9).setData(new byte[] {1, 2, 3}).build());
        OFEchoReply r = (OFEchoReply) AgentHarness.only(ch);
        assertThat(r.getXid()).isEqualTo(9);
        assertThat(r.getData()).containsExactly(1, 2, 3);
    }

    @Test
    void keepsMissSendLenPerSessionAndReportsItInGetConfig() {
        EmbeddedChannel a = h.controller();
        EmbeddedChannel b = h.controller();
        h.send(a, F13.buildSetConfig().setMissSendLen(0xffff).build());
        h.send(a, F13.buildGetConfigRequest().setXid(1).build());
        h.send(b, F13.buildGetConfigRequest().setXid(2).build());
        assertThat(((OFGetConfigReply) AgentHarness.only(a)).getMissSendLen()).isEqualTo(0xffff);
        assertThat(((OFGetConfigReply) AgentHarness.only(b)).getMissSendLen()).isEqualTo(128);
    }

    @Test
    void countsControllersButNotToolsForFailMode() {
        EmbeddedChannel c = h.controller();
        h.connect(OfSession.Kind.SERVICE);
        assertThat(h.agent.connectedControllers()).isEqualTo(1);
        c.close();
        assertThat(h.agent.connectedControllers()).isZero();
        assertThat(h.controllerCounts).containsExactly(1, 0);
    }

    @Test
    void answersAMessageOfAnotherVersionWithBadVersion() {
        EmbeddedChannel ch = h.controller();
        h.send(ch, OFFactories.getFactory(OFVersion.OF_10).buildFeaturesRequest().setXid(5).build());
        OFBadRequestErrorMsg e = (OFBadRequestErrorMsg) AgentHarness.only(ch);
        assertThat(e.getErrType()).isEqualTo(OFErrorType.BAD_REQUEST);
        assertThat(e.getCode()).isEqualTo(OFBadRequestCode.BAD_VERSION);
        assertThat(e.getXid()).isEqualTo(5);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void answersBarrierAfterEarlierRequestsWereApplied() {
        EmbeddedChannel ch = h.controller();
        h.send(ch, F13.buildFlowAdd().setXid(1).build());
        h.send(ch, F13.buildBarrierRequest().setXid(2).build());
        List<OFMessage> out = AgentHarness.read(ch);
        assertThat(h.datapath.flowMods).hasSize(1);
        assertThat(out).singleElement().satisfies(m -> assertThat(m.getXid()).isEqualTo(2));
    }
}
