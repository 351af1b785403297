package io.flowlb.openflow;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A PACKET_OUT with one output action, in OpenFlow 1.0 or 1.3: a packet the switch buffered
 * (by buffer id) or a frame the controller holds, sent out of one port.
 *
 * <p>Design: as {@link CompactFlowAdd}, the message keeps its few fields and writes its wire form
 * directly (byte for byte OpenFlowJ's, as the tests check); anything else is served by the
 * equivalent OpenFlowJ message, built on first use.
 *
 * <p>Thread safety: immutable (the frame array is the caller's and must not change afterwards);
 * the OpenFlowJ form is built lazily and idempotently.
 */
public final class CompactPacketOut extends CompactMessage<OFPacketOut> implements OFPacketOut, WireEncodable {
    private static final byte[] NO_DATA = new byte[0];
    private static final int PACKET_OUT_13_FIXED = 24;
    private static final int PACKET_OUT_10_FIXED = 16;

    private final int inPort;
    private final int outPort;
    private final int maxLen;
    private final byte[] data;

    private CompactPacketOut(OFVersion version, long xid, int bufferId, int inPort, int outPort, int maxLen,
            byte[] data) {
        super(version, xid, bufferId);
        this.inPort = inPort;
        this.outPort = outPort;
        this.maxLen = maxLen;
        this.data = data == null ? NO_DATA : data;
    }

    /**
     * Sends {@code frame} out of {@code outPort}, as if it had arrived on {@code inPort} (32-bit
     * port numbers); {@code maxLen} bounds what reaches the controller when the port is the
     * controller.
     */
    public static CompactPacketOut ofFrame(OFVersion version, int inPort, int outPort, int maxLen, byte[] frame) {
        return new CompactPacketOut(version, 0, WireFormat.NO_BUFFER, inPort, outPort, maxLen, frame);
    }

    /** Releases the packet the switch holds in buffer {@code bufferId} out of {@code outPort}. */
    public static CompactPacketOut ofBuffer(OFVersion version, int bufferId, int inPort, int outPort, int maxLen) {
        return new CompactPacketOut(version, 0, bufferId, inPort, outPort, maxLen, NO_DATA);
    }

    @Override
    public void writeTo(ByteBuf out) {
        WireWriter.write(this, out);
    }

    @Override
    public int wireLength() {
        return (WireFormat.isOf10(version) ? PACKET_OUT_10_FIXED : PACKET_OUT_13_FIXED) + WireFormat.outputBytes(version)
                + data.length;
    }

    @Override
    public void writeTo(WireWriter w) {
        w.ensure(wireLength());
        WireFormat.writeHeader(w, version, WireFormat.TYPE_PACKET_OUT, wireLength(), xid);
        w.u32(bufferId);
        if (WireFormat.isOf10(version)) {
            w.u16(WireFormat.port32To16(inPort)).u16(WireFormat.outputBytes(version));
        } else {
            w.u32(inPort).u16(WireFormat.outputBytes(version)).zero(6);
        }
        WireFormat.writeOutput(w, version, outPort, maxLen);
        w.bytes(data);
    }

    @Override
    OFPacketOut build() {
        OFFactory fac = OFFactories.getFactory(version);
        return fac.buildPacketOut()
                .setXid(xid)
                .setBufferId(OFBufferId.of(bufferId))
                .setInPort(OFPort.of(inPort))
                .setActions(List.of(fac.actions().buildOutput().setPort(OFPort.of(outPort)).setMaxLen(maxLen).build()))
                .setData(data)
                .build();
    }

    @Override
    public OFType getType() {
        return OFType.PACKET_OUT;
    }

    @Override
    public OFPort getInPort() {
        return full().getInPort();
    }

    @Override
    public List<OFAction> getActions() {
        return full().getActions();
    }

    @Override
    public byte[] getData() {
        return data;
    }

    @Override
    public Match getMatch() {
        return full().getMatch();
    }

    @Override
    public OFPacketOut.Builder createBuilder() {
        return full().createBuilder();
    }
}
