package io.flowlb.flowswitch.ofagent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A minimal OpenFlow 1.3 tool on a plain socket, for what ovs-ofctl cannot ask (BSN generic
 * statistics), or the controller end of a switch's connection: messages over a plain socket,
 * the HELLO exchange, multipart replies collected.
 */
public final class OpenFlowTool implements AutoCloseable {
    public static final OFFactory F13 = OFFactories.getFactory(OFVersion.OF_13);

    private final Socket socket;
    private final DataInputStream in;

    private OpenFlowTool(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Messages over an open socket (no HELLO sent). */
    public static OpenFlowTool over(Socket socket) throws IOException {
        return new OpenFlowTool(socket);
    }

    /** Connects to 127.0.0.1:{@code port} and finishes the HELLO exchange. */
    public static OpenFlowTool connect(int port) throws IOException {
        OpenFlowTool t = new OpenFlowTool(new Socket(InetAddress.getLoopbackAddress(), port));
        t.socket.setSoTimeout(10_000);
        t.write(F13.buildHello().build());
        while (!(t.read() instanceof OFHello)) {
            // skip anything before the switch's HELLO
        }
        return t;
    }

    /** Sends a multipart request and returns its replies, up to the one without REPLY_MORE. */
    public List<OFStatsReply> multipart(OFStatsRequest<?> request) throws IOException {
        write(request);
        List<OFStatsReply> out = new ArrayList<>();
        while (true) {
            OFMessage m = read();
            if (m instanceof OFErrorMsg e && e.getXid() == request.getXid()) {
                throw new IllegalStateException("the switch refused the request: " + e);
            }
            if (m instanceof OFStatsReply r && r.getXid() == request.getXid()) {
                out.add(r);
                if (!r.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
                    return out;
                }
            }
        }
    }

    public void write(OFMessage m) throws IOException {
        ByteBuf b = Unpooled.buffer();
        try {
            m.writeTo(b);
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } finally {
            b.release();
        }
    }

    /** The next message from the peer. */
    public OFMessage read() throws IOException {
        byte[] head = new byte[8];
        in.readFully(head);
        int len = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        byte[] all = new byte[len];
        System.arraycopy(head, 0, all, 0, 8);
        in.readFully(all, 8, len - 8);
        try {
            return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(all));
        } catch (OFParseError e) {
            throw new IOException("the switch sent a message that does not parse", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
