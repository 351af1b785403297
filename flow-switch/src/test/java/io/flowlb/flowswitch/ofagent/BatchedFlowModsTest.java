package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.WireClient.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.packet.Frames;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.junit.jupiter.api.Test;

/**
 * FLOW_MODs are published in batches, yet a controller sees OpenFlow's ordering: a barrier
 * reply, an error or a packet-out through the tables comes after every earlier modification
 * is in force.
 */
class BatchedFlowModsTest {
    private final RealSwitch sw = new RealSwitch(4, dp -> FailModePolicy.SECURE);
    private final EmbeddedChannel ctl = sw.controller();
    private final OfSession session = ctl.pipeline().get(OfSession.class);
    private final byte[] frame = Frames.udp4().build();

    private static OFMessage addAll(int priority, int outPort, Set<OFFlowModFlags> flags) {
        return F13.buildFlowAdd().setPriority(priority).setMatch(F13.buildMatch().build()).setFlags(flags)
                .setInstructions(List.of(F13.instructions().applyActions(List.of(
                        F13.actions().output(OFPort.of(outPort), 0xffff))))).build();
    }

    @Test
    void aFlowModTakesEffectByTheBarrierReplyThatFollowsIt() {
        sw.agent.handle(session, addAll(10, 4, Set.of()));
        sw.forwardOnly(1, frame);
        assertThat(sw.port(4).drainTransmitted()).as("staged, not yet published").isEmpty();

        sw.agent.handle(session, F13.buildBarrierRequest().setXid(7).build());
        assertThat(WireClient.only(ctl)).isInstanceOf(OFBarrierReply.class);
        sw.forwardOnly(1, frame);
        assertThat(sw.port(4).drainTransmitted()).containsExactly(frame);
    }

    @Test
    void anErrorReplyComesAfterTheEarlierFlowModsTookEffect() {
        sw.agent.handle(session, addAll(10, 4, Set.of()));
        sw.agent.handle(session, F13.buildFlowAdd().setTableId(TableId.of(200)).setMatch(F13.buildMatch().build())
                .build());
        assertThat(WireClient.only(ctl)).isInstanceOf(OFErrorMsg.class);
        sw.forwardOnly(1, frame);
        assertThat(sw.port(4).drainTransmitted()).containsExactly(frame);
    }

    @Test
    void modsReadTogetherTakeEffectWhenTheReadIsDoneAndAPacketOutSeesThem() {
        OFMessage[] batch = new OFMessage[501];
        for (int i = 0; i < 500; i++) {
            batch[i] = F13.buildFlowAdd().setPriority(20).setMatch(F13.buildMatch()
                    .setExact(MatchField.IN_PORT, OFPort.of(1000 + i)).build()).build();
        }
        batch[500] = F13.buildPacketOut().setInPort(OFPort.CONTROLLER).setActions(List.of(
                F13.actions().output(OFPort.TABLE, 0xffff))).setData(frame).build();
        WireClient.send(ctl, addAll(10, 3, Set.of()));
        WireClient.sendInOneRead(ctl, batch);
        assertThat(sw.port(3).drainTransmitted()).containsExactly(frame);
        WireClient.send(ctl, F13.buildFlowStatsRequest().setXid(9).setTableId(TableId.ALL)
                .setMatch(F13.buildMatch().build()).build());
        int flows = 0;
        for (OFMessage m : WireClient.read(ctl)) {
            flows += ((OFFlowStatsReply) m).getEntries().size();
        }
        assertThat(flows).isEqualTo(501);
    }

    @Test
    void flowRemovedOfADeleteIsSentOnceTheDeleteTookEffect() {
        WireClient.send(ctl, addAll(10, 4, Set.of(OFFlowModFlags.SEND_FLOW_REM)));
        sw.agent.handle(session, F13.buildFlowDelete().setTableId(TableId.ALL).setMatch(F13.buildMatch().build())
                .build());
        assertThat(WireClient.read(ctl)).isEmpty();
        sw.forwardOnly(1, frame);
        assertThat(sw.port(4).drainTransmitted()).as("the delete is not in force yet").hasSize(1);

        sw.agent.readComplete(session);
        assertThat(WireClient.only(ctl)).isInstanceOf(OFFlowRemoved.class);
        sw.forwardOnly(1, frame);
        assertThat(sw.port(4).drainTransmitted()).isEmpty();
    }
}
