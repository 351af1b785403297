package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.PacketIn;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * A {@link SwitchAgent} over a {@link RecordingDatapath}, reached through {@link WireClient}
 * channels: for tests of the translation itself.
 */
final class AgentHarness {
    static final OFFactory F13 = WireClient.F13;

    final RecordingDatapath datapath = new RecordingDatapath();
    final ProblemLog problems = new ProblemLog();
    final List<Integer> controllerCounts = new ArrayList<>();
    final SwitchAgent agent;

    AgentHarness() {
        this(new SwitchIdentity(0x1234L, "test-switch", "test"));
    }

    AgentHarness(SwitchIdentity identity) {
        agent = new SwitchAgent(datapath, identity, new FailModePolicy() {
            @Override
            public void controllersChanged(int connected) {
                controllerCounts.add(connected);
            }

            @Override
            public void onPacketInWithoutController(PacketIn packetIn) {
            }
        });
        datapath.setListener(agent);
    }

    EmbeddedChannel open(OfSession.Kind kind) {
        return WireClient.open(agent, problems, kind);
    }

    EmbeddedChannel connect(OfSession.Kind kind) {
        return WireClient.connect(agent, problems, kind);
    }

    EmbeddedChannel controller() {
        return connect(OfSession.Kind.CONTROLLER);
    }

    void send(EmbeddedChannel ch, OFMessage m) {
        WireClient.send(ch, m);
    }

    void sendBytes(EmbeddedChannel ch, byte[] bytes) {
        WireClient.sendBytes(ch, bytes);
    }

    static List<OFMessage> read(EmbeddedChannel ch) {
        return WireClient.read(ch);
    }

    static OFMessage only(EmbeddedChannel ch) {
        return WireClient.only(ch);
    }
}
