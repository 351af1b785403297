package io.flowlb.controller.packet;

import io.flowlb.controller.openflow.OfSwitch;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/** Builds the PACKET_IN a switch of either version sends for a frame (table miss, unbuffered unless asked). */
public final class PacketIns {

    private PacketIns() {
    }

    public static OFPacketIn packetIn(OfSwitch sw, int inPort, byte[] data) {
        return packetIn(sw, inPort, data, OFBufferId.NO_BUFFER.getInt());
    }

    /** The PACKET_IN of a switch that keeps the packet in buffer {@code bufferId} (and sends it whole). */
    public static OFPacketIn packetIn(OfSwitch sw, int inPort, byte[] data, int bufferId) {
        OFFactory f = sw.factory();
        var b = f.buildPacketIn().setBufferId(OFBufferId.of(bufferId)).setReason(OFPacketInReason.NO_MATCH).setData(data)
                .setTotalLen(data.length);
        if (sw.version() == OFVersion.OF_10) {
            b.setInPort(OFPort.of(inPort));
        } else {
            b.setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build());
        }
        return b.build();
    }
}
