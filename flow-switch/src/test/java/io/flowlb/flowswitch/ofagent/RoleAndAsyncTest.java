package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.AgentHarness.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.FlowRemoved;
import io.flowlb.flowswitch.datapath.spec.FlowRemovedReason;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.PacketIn;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortStatusReason;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.protocol.OFRoleRequestFailedCode;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFRoleRequestFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

class RoleAndAsyncTest {
    private final AgentHarness h = new AgentHarness();

    private OFMessage role(EmbeddedChannel ch, OFControllerRole role, long generation) {
        h.send(ch, F13.buildRoleRequest().setXid(50).setRole(role).setGenerationId(U64.of(generation)).build());
        return AgentHarness.only(ch);
    }

    private static PacketIn miss(int length) {
        return new PacketIn(PacketInReason.NO_MATCH, 0, -1, 2, 0, length, new byte[length]);
    }

    @Test
    void aNewMasterDemotesTheOldOneWhoseWritesAreThenRefused() {
        EmbeddedChannel a = h.controller();
        EmbeddedChannel b = h.controller();
        assertThat(((OFRoleReply) role(a, OFControllerRole.ROLE_MASTER, 1)).getRole())
                .isEqualTo(OFControllerRole.ROLE_MASTER);
        OFRoleReply r = (OFRoleReply) role(b, OFControllerRole.ROLE_MASTER, 2);
        assertThat(r.getRole()).isEqualTo(OFControllerRole.ROLE_MASTER);
        assertThat(r.getGenerationId().getValue()).isEqualTo(2);
        assertThat(((OFRoleReply) role(a, OFControllerRole.ROLE_NOCHANGE, 0)).getRole())
                .isEqualTo(OFControllerRole.ROLE_SLAVE);

        h.send(a, F13.buildFlowAdd().setXid(51).setMatch(F13.buildMatch().build()).build());
        OFBadRequestErrorMsg e = (OFBadRequestErrorMsg) AgentHarness.only(a);
        assertThat(e.getCode()).isEqualTo(OFBadRequestCode.IS_SLAVE);
        h.send(a, F13.buildPacketOut().setXid(52).setInPort(OFPort.CONTROLLER).build());
        assertThat(((OFBadRequestErrorMsg) AgentHarness.only(a)).getCode()).isEqualTo(OFBadRequestCode.IS_SLAVE);
        assertThat(h.datapath.flowMods).isEmpty();
        assertThat(h.datapath.packetOuts).isEmpty();

        h.send(b, F13.buildFlowAdd().setXid(53).setMatch(F13.buildMatch().build()).build());
        assertThat(AgentHarness.read(b)).isEmpty();
        assertThat(h.datapath.flowMods).hasSize(1);
    }

    @Test
    void refusesAStaleGenerationId() {
        EmbeddedChannel a = h.controller();
        role(a, OFControllerRole.ROLE_MASTER, 10);
        OFRoleRequestFailedErrorMsg e = (OFRoleRequestFailedErrorMsg) role(h.controller(),
                OFControllerRole.ROLE_MASTER, 9);
        assertThat(e.getCode()).isEqualTo(OFRoleRequestFailedCode.STALE);
        assertThat(((OFRoleReply) role(a, OFControllerRole.ROLE_NOCHANGE, 0)).getRole())
                .isEqualTo(OFControllerRole.ROLE_MASTER);
    }

    @Test
    void equalControllersAllGetPacketInsButSlavesDoNot() {
        EmbeddedChannel a = h.controller();
        EmbeddedChannel b = h.controller();
        role(b, OFControllerRole.ROLE_SLAVE, 1);
        h.agent.onPacketIn(miss(60));
        assertThat(AgentHarness.read(a)).singleElement().isInstanceOf(OFPacketIn.class);
        assertThat(AgentHarness.read(b)).isEmpty();
    }

    @Test
    void packetInCarriesInPortReasonCookieAndIsCutAtMissSendLen() {
        EmbeddedChannel a = h.controller();
        EmbeddedChannel full = h.controller();
        h.send(full, F13.buildSetConfig().setMissSendLen(0xffff).build());
        h.agent.onPacketIn(miss(1000));
        OFPacketIn pi = (OFPacketIn) AgentHarness.only(a);
        assertThat(pi.getReason()).isEqualTo(OFPacketInReason.NO_MATCH);
        assertThat(pi.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(2));
        assertThat(pi.getTotalLen()).isEqualTo(1000);
        assertThat(pi.getData()).hasSize(128);
        assertThat(pi.getCookie()).isEqualTo(U64.of(-1));
        assertThat(((OFPacketIn) AgentHarness.only(full)).getData()).hasSize(1000);
    }

    @Test
    void toolsGetNoTableMissesUntilTheyAskForThem() {
        EmbeddedChannel tool = h.connect(OfSession.Kind.SERVICE);
        h.agent.onPacketIn(miss(60));
        assertThat(AgentHarness.read(tool)).isEmpty();
        h.send(tool, F13.buildSetConfig().setMissSendLen(0xffff).build());
        h.agent.onPacketIn(miss(60));
        assertThat(AgentHarness.read(tool)).singleElement().isInstanceOf(OFPacketIn.class);
    }

    @Test
    void portStatusGoesToEverySessionEvenSlaves() {
        EmbeddedChannel a = h.controller();
        EmbeddedChannel b = h.controller();
        role(b, OFControllerRole.ROLE_SLAVE, 1);
        h.agent.onPortStatus(PortStatusReason.MODIFY,
                new PortDesc(3, "veth3", 0x020000000003L, 1500, 0, PortDesc.STATE_LINK_DOWN, 10_000_000));
        for (EmbeddedChannel ch : List.of(a, b)) {
            OFPortStatus ps = (OFPortStatus) AgentHarness.only(ch);
            assertThat(ps.getReason()).isEqualTo(OFPortReason.MODIFY);
            assertThat(ps.getDesc().getPortNo()).isEqualTo(OFPort.of(3));
            assertThat(ps.getDesc().getName()).isEqualTo("veth3");
        }
    }

    @Test
    void flowRemovedGoesToMastersAndEqualsOnly() {
        EmbeddedChannel a = h.controller();
        EmbeddedChannel b = h.controller();
        role(b, OFControllerRole.ROLE_SLAVE, 1);
        FlowSpec spec = FlowSpec.apply(0, 7, Match.ALL).withCookie(99).withTimeouts(5, 0);
        h.agent.onFlowRemoved(new FlowRemoved(spec, FlowRemovedReason.IDLE_TIMEOUT, 6_000_000_000L, 3, 180));
        OFFlowRemoved fr = (OFFlowRemoved) AgentHarness.only(a);
        assertThat(fr.getReason()).isEqualTo(OFFlowRemovedReason.IDLE_TIMEOUT);
        assertThat(fr.getCookie().getValue()).isEqualTo(99);
        assertThat(fr.getPriority()).isEqualTo(7);
        assertThat(fr.getDurationSec()).isEqualTo(6);
        assertThat(fr.getPacketCount().getValue()).isEqualTo(3);
        assertThat(AgentHarness.read(b)).isEmpty();
    }

    @Test
    void setAsyncChangesWhatASessionReceives() {
        EmbeddedChannel a = h.controller();
        h.send(a, F13.buildAsyncSet().setPacketInMaskEqualMaster(0).setPortStatusMaskEqualMaster(0b111)
                .setFlowRemovedMaskEqualMaster(0).build());
        h.agent.onPacketIn(miss(60));
        assertThat(AgentHarness.read(a)).isEmpty();
    }
}
