package io.flowlb.flowswitch.ofagent;

import io.flowlb.openflow.OfChannels;
import io.flowlb.openflow.OfKeepaliveHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Runs a {@link SwitchAgent} behind the real OpenFlow pipeline (framing, decoder, encoder,
 * keepalive, session) on Netty's EmbeddedChannel: tests write wire bytes in and read wire bytes
 * out, as a controller would.
 */
final class AgentHarness {
    static final OFFactory F13 = OFFactories.getFactory(OFVersion.OF_13);

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
            public void onPacketInWithoutController(io.flowlb.flowswitch.datapath.spec.PacketIn packetIn) {
            }
        });
        datapath.setListener(agent);
    }

    /** A channel whose OpenFlow handshake has not started (the switch's HELLO is waiting). */
    EmbeddedChannel open(OfSession.Kind kind) {
        EmbeddedChannel ch = new EmbeddedChannel(false, false);
        OfKeepaliveHandler keepalive = OfChannels.install(ch.pipeline(), 60_000, 3);
        ch.pipeline().addLast(new OfSession(kind, "test-peer", EnumSet.of(OFVersion.OF_13), agent, keepalive,
                problems));
        try {
            ch.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ch;
    }

    /** A session past HELLO, speaking OpenFlow 1.3. */
    EmbeddedChannel connect(OfSession.Kind kind) {
        EmbeddedChannel ch = open(kind);
        List<OFMessage> hello = read(ch);
        if (hello.size() != 1 || !(hello.get(0) instanceof OFHello)) {
            throw new AssertionError("expected the switch's HELLO, got " + hello);
        }
        send(ch, F13.buildHello().build());
        return ch;
    }

    EmbeddedChannel controller() {
        return connect(OfSession.Kind.CONTROLLER);
    }

    void send(EmbeddedChannel ch, OFMessage m) {
        ByteBuf buf = Unpooled.buffer();
        m.writeTo(buf);
        ch.writeInbound(buf);
    }

    void sendBytes(EmbeddedChannel ch, byte[] bytes) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** Every message the switch wrote so far, decoded. */
    static List<OFMessage> read(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<OFMessage> out = new ArrayList<>();
        ByteBuf all = Unpooled.buffer();
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        try {
            while (all.isReadable()) {
                OFMessage m = OFFactories.getGenericReader().readFrom(all);
                if (m == null) {
                    throw new AssertionError("the switch wrote a truncated message");
                }
                out.add(m);
            }
        } catch (OFParseError e) {
            throw new AssertionError("the switch wrote a message that does not parse", e);
        } finally {
            all.release();
        }
        return out;
    }

    /** The one message the switch answered with. */
    static OFMessage only(EmbeddedChannel ch) {
        List<OFMessage> out = read(ch);
        if (out.size() != 1) {
            throw new AssertionError("expected one reply, got " + out);
        }
        return out.get(0);
    }
}
