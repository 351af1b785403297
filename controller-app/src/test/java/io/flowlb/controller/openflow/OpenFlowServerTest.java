package io.flowlb.controller.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.LoopEventScheduler;
import io.flowlb.openflow.OfVersions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A switch connected over real TCP (loopback) gets its PACKET_INs answered, whether the sessions
 * live on the event thread's own loop (the default) or on separate Netty event loops; the
 * applications run on the event thread either way.
 */
class OpenFlowServerTest {
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    private final LoopEventScheduler events = new LoopEventScheduler("test-events");
    private final SwitchManager manager = new SwitchManager(events, SessionConfig.defaults(), 4096);
    private final List<Boolean> onEventThread = new CopyOnWriteArrayList<>();
    private OpenFlowServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        events.close();
    }

    @ParameterizedTest(name = "workerThreads {0}")
    @ValueSource(ints = {0, 2})
    void answersPacketInsOfASwitchConnectedOverTcp(int workerThreads) throws Exception {
        manager.addMessageListener((sw, m) -> {
            if (m instanceof OFPacketIn pi) {
                onEventThread.add(events.inEventThread());
                manager.send(sw.dpid(), sw.factory().buildPacketOut().setBufferId(OFBufferId.NO_BUFFER)
                        .setInPort(OFPort.CONTROLLER)
                        .setActions(List.of(sw.factory().actions().output(OFPort.of(2), 0xffff)))
                        .setData(pi.getData()).build());
            }
        });
        server = new OpenFlowServer(manager, "127.0.0.1", List.of(0), workerThreads, events.loop());
        server.start();
        try (Socket s = new Socket("127.0.0.1", server.boundPorts().get(0))) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            write(out, OfVersions.hello(Set.of(OFVersion.OF_13), 1));
            while (!manager.isConnected(Dpid.of(7))) {
                OFMessage m = read(in);
                answerHandshake(out, m);
                if (m instanceof OFBarrierRequest) {
                    awaitConnected(Dpid.of(7));
                }
            }
            for (int tag = 1; tag <= 3; tag++) {
                write(out, packetIn(tag));
                OFPacketOut po = nextPacketOut(in, out);
                assertThat(ByteBuffer.wrap(po.getData()).getInt()).isEqualTo(tag);
            }
        }
        assertThat(onEventThread).containsExactly(true, true, true);
    }

    /** The handshake ends with a barrier: gives its reply a moment to connect the switch. */
    private void awaitConnected(Dpid dpid) throws InterruptedException {
        for (int i = 0; i < 200 && !manager.isConnected(dpid); i++) {
            Thread.sleep(10);
        }
    }

    private static OFPacketOut nextPacketOut(DataInputStream in, OutputStream out) throws IOException {
        while (true) {
            OFMessage m = read(in);
            if (m instanceof OFPacketOut po) {
                return po;
            }
            answerHandshake(out, m);
        }
    }

    private static OFPacketIn packetIn(int tag) {
        byte[] frame = ByteBuffer.allocate(60).putInt(tag).array();
        return OF13.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setReason(OFPacketInReason.NO_MATCH)
                .setMatch(OF13.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
                .setData(frame).setTotalLen(frame.length).build();
    }

    /** What the switch says to the controller's handshake requests; everything else needs no answer. */
    private static void answerHandshake(OutputStream out, OFMessage m) throws IOException {
        OFMessage reply = switch (m) {
            case OFFeaturesRequest r -> OF13.buildFeaturesReply().setXid(r.getXid()).setDatapathId(DatapathId.of(7))
                    .setNBuffers(0).setNTables((short) 2).setAuxiliaryId(OFAuxId.MAIN).build();
            case OFPortDescStatsRequest r -> OF13.buildPortDescStatsReply().setXid(r.getXid()).build();
            case OFBarrierRequest r -> OF13.buildBarrierReply().setXid(r.getXid()).build();
            case OFEchoRequest r -> OF13.buildEchoReply().setXid(r.getXid()).setData(r.getData()).build();
            default -> null;
        };
        if (reply != null) {
            write(out, reply);
        }
    }

    private static void write(OutputStream out, OFMessage m) throws IOException {
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    private static OFMessage read(DataInputStream in) throws IOException {
        byte[] header = new byte[8];
        in.readFully(header);
        int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        byte[] whole = new byte[length];
        System.arraycopy(header, 0, whole, 0, 8);
        in.readFully(whole, 8, length - 8);
        try {
            return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(whole));
        } catch (Exception e) {
            throw new AssertionError("the controller sent an undecodable message", e);
        }
    }
}
