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
 * A peer of the agent on Netty's EmbeddedChannel behind the real OpenFlow pipeline (framing,
 * decoder, encoder, keepalive, session): tests write wire bytes in and read wire bytes out, as a
 * controller or a tool would.
 */
final class WireClient {
    static final OFFactory F13 = OFFactories.getFactory(OFVersion.OF_13);

    private WireClient() {
    }

    /** A channel whose OpenFlow handshake has not started (the switch's HELLO is waiting). */
    static EmbeddedChannel open(SessionHandler agent, ProblemLog problems, OfSession.Kind kind) {
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
    static EmbeddedChannel connect(SessionHandler agent, ProblemLog problems, OfSession.Kind kind) {
        EmbeddedChannel ch = open(agent, problems, kind);
        List<OFMessage> hello = read(ch);
        if (hello.size() != 1 || !(hello.get(0) instanceof OFHello)) {
            throw new AssertionError("expected the switch's HELLO, got " + hello);
        }
        send(ch, F13.buildHello().build());
        return ch;
    }

    static void send(EmbeddedChannel ch, OFMessage m) {
        ByteBuf buf = Unpooled.buffer();
        m.writeTo(buf);
        ch.writeInbound(buf);
    }

    /** Several messages in one buffer: the switch reads them in one go (one read-complete after all). */
    static void sendInOneRead(EmbeddedChannel ch, OFMessage... messages) {
        ByteBuf buf = Unpooled.buffer();
        for (OFMessage m : messages) {
            m.writeTo(buf);
        }
        ch.writeInbound(buf);
    }

    static void sendBytes(EmbeddedChannel ch, byte[] bytes) {
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
