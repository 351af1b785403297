package io.flowlb.controller.fwd;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.RecordingSwitchService;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.packet.PacketIns;
import io.flowlb.controller.topology.ConnectPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A network of simulated switches for testing the controller's applications end to end on the
 * test thread: each switch has a {@link FlowTable} fed by the FLOW_MODs the controller sends,
 * PACKET_OUTs are executed, frames travel over cables between switch ports and land in hosts.
 * A table miss becomes a PACKET_IN to the controller. Tests then assert where packets went and
 * how many reached the controller, not which flow-mods were sent.
 */
final class SimNetwork {
    /** An end host: what it received. */
    static final class SimHost {
        final String name;
        final long mac;
        ConnectPoint at;
        final List<byte[]> received = new ArrayList<>();

        SimHost(String name, long mac, ConnectPoint at) {
            this.name = name;
            this.mac = mac;
            this.at = at;
        }

        /** Frames received other than LLDP probes. */
        List<byte[]> frames() {
            List<byte[]> out = new ArrayList<>();
            for (byte[] f : received) {
                if (PacketContext.parse(f).etherType() != 0x88cc) {
                    out.add(f);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int MAX_DELIVERIES = 10_000;

    final RecordingSwitchService switches = new RecordingSwitchService();
    private final Map<Dpid, FlowTable> tables = new HashMap<>();
    private final Map<ConnectPoint, ConnectPoint> cables = new HashMap<>();
    private final Map<ConnectPoint, SimHost> hosts = new HashMap<>();
    private final Map<Integer, Buffered> buffers = new HashMap<>();
    private boolean buffering;
    private int lastBuffer;
    private int cursor;
    private int deliveries;
    int packetIns;

    OfSwitch addSwitch(long dpid, OFVersion version, int ports) {
        OfSwitch sw = switches.addSwitch(dpid, version, ports);
        tables.put(sw.dpid(), new FlowTable(version));
        return sw;
    }

    /** Connects the switches (after the applications are wired), as the handshake would. */
    void connectAll() {
        for (OfSwitch sw : switches.switches()) {
            FlowTable t = tables.get(sw.dpid());
            if (sw.version() != OFVersion.OF_10) {
                t.apply(sw.factory().buildFlowAdd().setPriority(0).setMatch(sw.factory().matchWildcardAll())
                        .setActions(List.of(sw.factory().actions().output(OFPort.CONTROLLER, 0xffff))).build());
            }
            switches.fireConnected(sw.dpid());
        }
        drain();
    }

    void cable(long a, int pa, long b, int pb) {
        ConnectPoint x = cp(a, pa);
        ConnectPoint y = cp(b, pb);
        cables.put(x, y);
        cables.put(y, x);
    }

    SimHost host(String name, long mac, long dpid, int port) {
        SimHost h = new SimHost(name, mac, cp(dpid, port));
        hosts.put(h.at, h);
        return h;
    }

    /** Moves a host to another port (it says nothing until it sends). */
    void move(SimHost h, long dpid, int port) {
        hosts.remove(h.at);
        h.at = cp(dpid, port);
        hosts.put(h.at, h);
    }

    SimHost hostAt(long dpid, int port) {
        return hosts.get(cp(dpid, port));
    }

    static ConnectPoint cp(long dpid, int port) {
        return ConnectPoint.of(Dpid.of(dpid), PortNo.of(port));
    }

    FlowTable table(long dpid) {
        return tables.get(Dpid.of(dpid));
    }

    /** A host sends a frame; it travels until it is delivered or dropped. */
    void send(SimHost from, byte[] frame) {
        deliveries = 0;
        arrive(from.at, frame);
    }

    /** Runs the controller's pending output (flow-mods and packet-outs). */
    void drain() {
        List<RecordingSwitchService.Sent> sent = switches.sent();
        while (cursor < sent.size()) {
            RecordingSwitchService.Sent s = sent.get(cursor++);
            if (s.msg() instanceof OFFlowMod fm) {
                tables.get(s.dpid()).apply(fm);
                Buffered b = buffers.remove(fm.getBufferId().getInt());
                if (b != null) {
                    arrive(b.at, b.frame);
                }
            } else if (s.msg() instanceof OFPacketOut po) {
                Buffered b = buffers.remove(po.getBufferId().getInt());
                execute(s.dpid(), po.getInPort().getPortNumber(), po.getActions(), b != null ? b.frame : po.getData());
            }
        }
    }

    /** Switches keep each packet they send to the controller in a buffer and name it in the PACKET_IN. */
    void buffering(boolean on) {
        this.buffering = on;
    }

    /** Packets held in switch buffers, waiting for a flow-mod or packet-out naming them. */
    int buffered() {
        return buffers.size();
    }

    private record Buffered(ConnectPoint at, byte[] frame) {
    }

    private void arrive(ConnectPoint at, byte[] frame) {
        if (++deliveries > MAX_DELIVERIES) {
            throw new AssertionError("packet storm: more than " + MAX_DELIVERIES + " deliveries");
        }
        OfSwitch sw = switches.getSwitch(at.dpid());
        if (sw == null) {
            return;
        }
        FlowTable.Flow f = tables.get(at.dpid()).lookup(at.port().value(), PacketContext.parse(frame));
        if (f == null) {
            if (sw.version() == OFVersion.OF_10) {
                toController(sw, at.port().value(), frame);
            }
            return;
        }
        execute(at.dpid(), at.port().value(), f.actions(), frame);
    }

    private void toController(OfSwitch sw, int inPort, byte[] frame) {
        packetIns++;
        int buffer = OFBufferId.NO_BUFFER.getInt();
        if (buffering) {
            buffer = ++lastBuffer;
            buffers.put(buffer, new Buffered(ConnectPoint.of(sw.dpid(), PortNo.of(inPort)), frame));
        }
        switches.receive(sw.dpid(), PacketIns.packetIn(sw, inPort, frame, buffer));
        drain();
    }

    private void execute(Dpid dpid, int inPort, List<OFAction> actions, byte[] frame) {
        OfSwitch sw = switches.getSwitch(dpid);
        for (OFAction a : actions) {
            int out = ((OFActionOutput) a).getPort().getPortNumber();
            if (out == OFPort.CONTROLLER.getPortNumber()) {
                toController(sw, inPort, frame);
            } else if (out == OFPort.FLOOD.getPortNumber() || out == OFPort.ALL.getPortNumber()) {
                for (PortNo p : sw.ports().keySet()) {
                    if (p.value() != inPort) {
                        emit(ConnectPoint.of(dpid, p), frame);
                    }
                }
            } else if (out == OFPort.TABLE.getPortNumber()) {
                arrive(ConnectPoint.of(dpid, PortNo.of(inPort)), frame);
            } else if (out == OFPort.IN_PORT.getPortNumber()) {
                emit(ConnectPoint.of(dpid, PortNo.of(inPort)), frame);
            } else if (out != inPort) {
                emit(ConnectPoint.of(dpid, PortNo.of(out)), frame);
            }
        }
    }

    private void emit(ConnectPoint out, byte[] frame) {
        ConnectPoint peer = cables.get(out);
        if (peer != null) {
            arrive(peer, frame);
            return;
        }
        SimHost h = hosts.get(out);
        if (h != null) {
            h.received.add(frame);
        }
    }
}
