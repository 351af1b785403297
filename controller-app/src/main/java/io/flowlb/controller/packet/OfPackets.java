package io.flowlb.controller.packet;

import io.flowlb.controller.openflow.PortNo;
import io.flowlb.openflow.CompactPacketIn;
import io.flowlb.openflow.CompactPacketOut;
import io.flowlb.openflow.WireFormat;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * PACKET_IN and PACKET_OUT across OpenFlow versions: where the input port is, how a packet-out
 * names its input port and carries its frame.
 *
 * <p>Thread safety: stateless.
 */
public final class OfPackets {

    /** The max_len of an output action: whole packets (it only matters for the controller port). */
    private static final int WHOLE_PACKET = 0xffff;

    private OfPackets() {
    }

    /** The port a PACKET_IN arrived on: a field in 1.0, the IN_PORT match field from 1.2. */
    public static PortNo inPort(OFPacketIn pi) {
        if (pi instanceof CompactPacketIn c) {
            return PortNo.of(c.inPortNumber());
        }
        if (pi.getVersion().compareTo(OFVersion.OF_12) < 0) {
            return PortNo.of(pi.getInPort());
        }
        OFPort p = pi.getMatch().get(MatchField.IN_PORT);
        return p == null ? PortNo.ANY : PortNo.of(p);
    }

    /** An output action to one port (whole packet when the port is the controller). */
    public static OFAction output(OFFactory f, PortNo port) {
        return f.actions().buildOutput().setPort(port.toOfPort()).setMaxLen(WHOLE_PACKET).build();
    }

    /** Output actions to several ports, in order. */
    public static List<OFAction> outputs(OFFactory f, List<PortNo> ports) {
        List<OFAction> out = new ArrayList<>(ports.size());
        for (PortNo p : ports) {
            out.add(output(f, p));
        }
        return out;
    }

    /**
     * A PACKET_OUT of a frame the controller holds. {@code inPort} is the port the frame is
     * treated as having arrived on (CONTROLLER when it did not come from a switch port); it
     * matters for IN_PORT, FLOOD and TABLE outputs.
     */
    public static OFPacketOut packetOut(OFFactory f, PortNo inPort, List<OFAction> actions, byte[] frame) {
        return f.buildPacketOut()
                .setBufferId(OFBufferId.NO_BUFFER)
                .setInPort(inPort.toOfPort())
                .setActions(actions)
                .setData(frame)
                .build();
    }

    /** The buffer the switch keeps the packet of a PACKET_IN in, or {@link WireFormat#NO_BUFFER}. */
    public static int bufferId(OFPacketIn pi) {
        return pi instanceof CompactPacketIn c ? c.bufferIdNumber() : pi.getBufferId().getInt();
    }

    /**
     * A PACKET_OUT sending the packet of a PACKET_IN out of one port: from the switch's buffer
     * when it kept one, else with the frame. In OpenFlow 1.0 and 1.3 it is a
     * {@link CompactPacketOut} (no OpenFlowJ objects are built).
     */
    public static OFPacketOut packetOut(OFVersion v, OFPacketIn pi, PortNo inPort, PortNo outPort) {
        if (!WireFormat.supports(v)) {
            OFFactory f = OFFactories.getFactory(v);
            return packetOut(f, pi, List.of(output(f, outPort)));
        }
        int buffer = bufferId(pi);
        return buffer != WireFormat.NO_BUFFER
                ? CompactPacketOut.ofBuffer(v, buffer, inPort.value(), outPort.value(), WHOLE_PACKET)
                : CompactPacketOut.ofFrame(v, inPort.value(), outPort.value(), WHOLE_PACKET, pi.getData());
    }

    /** A PACKET_OUT that releases a packet the switch buffered for a PACKET_IN, or resends its data. */
    public static OFPacketOut packetOut(OFFactory f, OFPacketIn pi, List<OFAction> actions) {
        if (bufferId(pi) != WireFormat.NO_BUFFER) {
            return f.buildPacketOut()
                    .setBufferId(pi.getBufferId())
                    .setInPort(inPort(pi).toOfPort())
                    .setActions(actions)
                    .build();
        }
        return packetOut(f, inPort(pi), actions, pi.getData());
    }
}
