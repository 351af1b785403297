package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.openflow.OfVersions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFAuxId;

/**
 * Fake switches send broken OpenFlow to the controller over real TCP while an Open vSwitch
 * bridge with hosts is connected to it: each fake session gets ERRORs or is closed, and the
 * bridge keeps its session (echoes answered) and keeps forwarding, including for hosts that
 * only start talking after the fuzzing.
 */
class OpenFlowFuzzIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private Controller controller;
    private Lab lab;
    private int port;

    @BeforeEach
    void start() {
        Lab.requireSandbox();
        controller = Lab.controllerOnAnyPort();
        port = controller.openflowPorts().get(0);
        lab = new Lab();
        lab.bridge("br1", 1, "OpenFlow13", port);
        lab.host("h1", "10.0.5.1/24", "br1", 1);
        lab.host("h2", "10.0.5.2/24", "br1", 2);
        lab.host("h3", "10.0.5.3/24", "br1", 3);
        assertThat(Lab.await(WAIT, () -> controller.switchService().isConnected(Dpid.of(1)))).isTrue();
        assertThat(lab.ping("h1", "10.0.5.2", WAIT)).isTrue();
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    /** A switch speaking OpenFlow over a plain socket, under the test's control. */
    static final class TcpSwitch implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;
        final OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        final List<OFMessage> got = new ArrayList<>();

        TcpSwitch(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(3000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void send(OFMessage m) throws IOException {
            ByteBuf b = Unpooled.buffer();
            m.writeTo(b);
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            out.write(bytes);
        }

        void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
        }

        /** Reads one message; null when the controller closed the connection. */
        OFMessage read() throws IOException {
            byte[] header = new byte[8];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                return null;
            }
            int len = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            byte[] all = new byte[len];
            System.arraycopy(header, 0, all, 0, 8);
            in.readFully(all, 8, len - 8);
            try {
                OFMessage m = OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(all));
                got.add(m);
                return m;
            } catch (Exception e) {
                throw new IOException("controller sent an undecodable message", e);
            }
        }

        /** Plays the handshake as switch {@code dpid}: HELLO, FEATURES, PORT_DESC, BARRIER. */
        void handshake(long dpid) throws IOException {
            send(OfVersions.hello(Set.of(OFVersion.OF_13), 1));
            while (true) {
                OFMessage m = read();
                if (m == null) {
                    throw new IOException("closed during the handshake");
                }
                if (m instanceof OFFeaturesRequest r) {
                    send(f.buildFeaturesReply().setXid(r.getXid()).setDatapathId(DatapathId.of(dpid))
                            .setAuxiliaryId(OFAuxId.MAIN).setNTables((short) 1).build());
                } else if (m instanceof OFPortDescStatsRequest r) {
                    send(f.buildPortDescStatsReply().setXid(r.getXid()).setEntries(List.of()).build());
                } else if (m instanceof OFBarrierRequest r) {
                    send(f.buildBarrierReply().setXid(r.getXid()).build());
                    return;
                }
            }
        }

        /** True when the controller closed the connection within the socket timeout. */
        boolean closedByController() throws IOException {
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (IOException e) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] header(int version, int type, int length, int xid, int extra) {
        byte[] b = new byte[8 + extra];
        b[0] = (byte) version;
        b[1] = (byte) type;
        b[2] = (byte) (length >>> 8);
        b[3] = (byte) length;
        b[4] = (byte) (xid >>> 24);
        b[5] = (byte) (xid >>> 16);
        b[6] = (byte) (xid >>> 8);
        b[7] = (byte) xid;
        return b;
    }

    private void assertBridgeStillWorks() {
        assertThat(controller.switchService().isConnected(Dpid.of(1))).isTrue();
        assertThat(Lab.await(WAIT, () -> Lab.sh("ovs-vsctl", "get", "controller", "br1", "is_connected").trim()
                .equals("true"))).as("Open vSwitch sees its controller connection up").isTrue();
        assertThat(lab.ping("h1", "10.0.5.2", WAIT)).isTrue();
        assertThat(lab.ping("h3", "10.0.5.1", WAIT)).as("a host that only now starts talking").isTrue();
    }

    @Test
    void malformedMessagesGetErrorsAndAnUnframeableOneClosesOnlyThatSession() throws Exception {
        try (TcpSwitch bad = new TcpSwitch(port)) {
            bad.handshake(0xbad);
            assertThat(Lab.await(WAIT, () -> controller.switchService().isConnected(Dpid.of(0xbad)))).isTrue();
            bad.sendRaw(header(4, 200, 12, 71, 4));
            bad.sendRaw(header(4, 14, 16, 72, 8));
            List<Long> errorXids = new ArrayList<>();
            while (errorXids.size() < 2) {
                OFMessage m = bad.read();
                assertThat(m).as("session still open").isNotNull();
                if (m instanceof OFErrorMsg e) {
                    errorXids.add(e.getXid());
                }
            }
            assertThat(errorXids).containsExactly(71L, 72L);

            bad.sendRaw(header(4, 10, 4, 73, 0));
            assertThat(bad.closedByController()).isTrue();
        }
        assertThat(Lab.await(WAIT, () -> !controller.switchService().isConnected(Dpid.of(0xbad)))).isTrue();
        assertBridgeStillWorks();
    }

    @Test
    void garbageBeforeAndAfterTheHandshakeNeverDisturbsTheRealSwitch() throws Exception {
        Random rnd = new Random(11);
        for (int i = 0; i < 20; i++) {
            try (TcpSwitch s = new TcpSwitch(port)) {
                if (i % 2 == 1) {
                    s.handshake(0x1000 + i);
                }
                for (int frame = 0; frame < 10; frame++) {
                    byte[] msg = header(rnd.nextInt(8) == 0 ? rnd.nextInt(256) : 4, rnd.nextInt(256), 0,
                            rnd.nextInt(), rnd.nextInt(64));
                    int len = rnd.nextInt(4) == 0 ? 8 + rnd.nextInt(msg.length) : msg.length;
                    msg[2] = (byte) (len >>> 8);
                    msg[3] = (byte) len;
                    for (int b = 8; b < msg.length; b++) {
                        msg[b] = (byte) rnd.nextInt();
                    }
                    s.sendRaw(msg);
                }
                byte[] junk = new byte[1 + rnd.nextInt(3000)];
                rnd.nextBytes(junk);
                s.sendRaw(junk);
                if (i % 3 == 0) {
                    s.sendRaw(header(4, 10, 60000, 1, 10));
                }
                s.socket.setSoTimeout(300);
                s.closedByController();
            } catch (IOException closedEarly) {
                // The controller may close a session before all of its garbage is written.
            }
        }
        assertThat(Lab.await(WAIT, () -> controller.switchService().switches().size() == 1)).isTrue();
        assertThat(controller.switchManager().stats().malformedMessages.sum()).isPositive();
        assertBridgeStillWorks();
    }
}
