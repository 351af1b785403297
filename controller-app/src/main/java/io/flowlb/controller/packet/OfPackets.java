package io.flowlb.controller.packet;

import io.flowlb.controller.openflow.PortNo;
import java.util.ArrayList;
import java.util.List;
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

    private OfPackets() {
    }

    /** The port a PACKET_IN arrived on: a field in 1.0, the IN_PORT match field from 1.2. */
    public static PortNo inPort(OFPacketIn pi) {
        if (pi.getVersion().compareTo(OFVersion.OF_12) < 0) {
            return PortNo.of(pi.getInPort());
        }
        OFPort p = pi.getMatch().get(MatchField.IN_PORT);
        return p == null ? PortNo.ANY : PortNo.of(p);
    }

    /** An output action to one port (whole packet when the port is the controller). */
    public static OFAction output(OFFactory f, PortNo port) {
        return f.actions().buildOutput().setPort(port.toOfPort()).setMaxLen(0xffff).build();
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

    /** A PACKET_OUT that releases a packet the switch buffered for a PACKET_IN, or resends its data. */
    public static OFPacketOut packetOut(OFFactory f, OFPacketIn pi, List<OFAction> actions) {
        if (!OFBufferId.NO_BUFFER.equals(pi.getBufferId())) {
            return f.buildPacketOut()
                    .setBufferId(pi.getBufferId())
                    .setInPort(inPort(pi).toOfPort())
                    .setActions(actions)
                    .build();
        }
        return packetOut(f, inPort(pi), actions, pi.getData());
    }
}
