package io.flowlb.controller.packet;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.openflow.WireFormat;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.action.OFAction;

/**
 * One PACKET_IN on its way through the processors: where it came from, its parsed frame, and
 * whether a processor has handled it.
 *
 * <p>The send helpers emit a PACKET_OUT for this packet (releasing the switch's buffer when it
 * kept one) and mark the packet handled; {@link #block()} marks it handled without sending (the
 * packet is dropped). Once handled, advisor- and director-band processors no longer see it.
 *
 * <p>Thread safety: confined to the event thread for the duration of the dispatch.
 */
public final class PacketContext {
    private final PacketManager manager;
    private final OfSwitch sw;
    private final OFPacketIn packetIn;
    private final PortNo inPort;
    private final byte[] data;
    private final PacketView view;
    private final long receivedMillis;
    private boolean handled;

    PacketContext(PacketManager manager, OfSwitch sw, OFPacketIn packetIn, PortNo inPort, long receivedMillis) {
        this.manager = manager;
        this.sw = sw;
        this.packetIn = packetIn;
        this.inPort = inPort;
        this.data = packetIn.getData();
        this.view = parse(data);
        this.receivedMillis = receivedMillis;
    }

    public OfSwitch sw() {
        return sw;
    }

    public Dpid dpid() {
        return sw.dpid();
    }

    public PortNo inPort() {
        return inPort;
    }

    public OFPacketIn packetIn() {
        return packetIn;
    }

    /**
     * Parses a frame held in a byte array with the core's packet view (how every PACKET_IN is
     * read; offsets are relative to the start of the array).
     */
    public static PacketView parse(byte[] frame) {
        PacketView v = new PacketView().wrap(MemorySegment.ofArray(frame), 0, frame.length);
        v.parse();
        return v;
    }

    /** The parsed headers of the frame (read it; rewriting it would change {@link #data()}). */
    public PacketView view() {
        return view;
    }

    /** The frame's bytes as the switch sent them (do not modify). */
    public byte[] data() {
        return data;
    }

    /** True when the frame has at least a whole Ethernet header (else there is nothing to read). */
    public boolean hasEthernet() {
        return view.l3Offset() != PacketView.NONE;
    }

    /** When the controller took the packet (event-scheduler clock). */
    public long receivedMillis() {
        return receivedMillis;
    }

    public boolean isHandled() {
        return handled;
    }

    /** Marks the packet handled without sending it: it is dropped. */
    public void block() {
        handled = true;
    }

    /** Sends the packet out of one port of the switch it came from. */
    public void sendTo(PortNo port) {
        manager.packetOut(sw, packetIn, inPort, port);
        handled = true;
    }

    /**
     * The buffer the switch keeps this packet in, or {@link WireFormat#NO_BUFFER} when it sent
     * the whole packet and kept nothing (Open vSwitch and flow-switch never buffer).
     */
    public int bufferId() {
        return OfPackets.bufferId(packetIn);
    }

    /** True when the switch keeps this packet in a buffer ({@link #bufferId()}). */
    public boolean isBuffered() {
        return bufferId() != WireFormat.NO_BUFFER;
    }

    /**
     * Marks the packet handled because a flow-mod carrying its {@linkplain #bufferId() buffer id}
     * was sent: the switch releases the buffered packet through the new flow, so no PACKET_OUT
     * is needed.
     */
    public void sentWithFlow() {
        handled = true;
    }

    /** Floods the packet without loops: the topology's broadcast ports, never the input port. */
    public void flood() {
        manager.flood(sw, packetIn, inPort);
        handled = true;
    }

    /** Sends the packet back through the switch's flow table (after installing flows for it). */
    public void sendToTable() {
        sendTo(PortNo.TABLE);
    }

    /** Sends the packet with these actions on the switch it came from. */
    public void send(List<OFAction> actions) {
        manager.packetOut(sw, packetIn, actions);
        handled = true;
    }

    @Override
    public String toString() {
        return "packet from " + sw.dpid() + " port " + inPort + " (" + data.length + " bytes, ethertype 0x"
                + Integer.toHexString(view.etherType()) + ")";
    }
}
