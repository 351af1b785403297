package io.flowlb.controller.pseudo;

import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.OfPackets;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostService;
import io.flowlb.controller.topology.Topology;
import io.flowlb.controller.topology.TopologyService;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * Frames the controller host's kernel sends out of the TAP, put on the network as PACKET_OUT:
 * a unicast frame goes out of the one port where its destination MAC was learned (host
 * service); broadcast, multicast and not-yet-learned destinations go out of every edge port of
 * every connected switch.
 *
 * <p>Flooding uses edge ports only (up, physical, not NO_FLOOD, no link on them): a copy never
 * crosses a link between switches, so each host gets exactly one and no switch sends it back to
 * the controller, whatever loops the switches form. The PACKET_OUT's input port is CONTROLLER.
 *
 * <p>Thread safety: {@link #frame} runs on the TAP reader thread. It only reads published
 * snapshots (hosts, topology, switch inventory) and sends through the thread-safe switch
 * service; it changes no controller state, so it needs no hand-off to the event thread.
 */
final class Outbound implements TapPort.FrameSink {
    private static final long GROUP_BIT = 0x0100_0000_0000L;

    private final SwitchService switches;
    private final HostService hosts;
    private final TopologyService topology;
    private final PseudoStats stats;

    Outbound(SwitchService switches, HostService hosts, TopologyService topology, PseudoStats stats) {
        this.switches = switches;
        this.hosts = hosts;
        this.topology = topology;
        this.stats = stats;
    }

    @Override
    public void frame(byte[] frame) {
        if (frame.length < 14) {
            return;
        }
        long dst = mac(frame);
        if ((dst & GROUP_BIT) == 0) {
            Host host = hosts.host(MacAddress.of(dst));
            if (host != null && sendTo(host.location(), frame)) {
                stats.outboundUnicast.increment();
                sent(frame);
                return;
            }
            stats.unknownDestinationFloods.increment();
        }
        if (flood(frame)) {
            stats.outboundFlooded.increment();
            sent(frame);
        } else {
            stats.noSwitchDrops.increment();
        }
    }

    private void sent(byte[] frame) {
        stats.outboundFrames.increment();
        stats.outboundBytes.add(frame.length);
    }

    private boolean sendTo(ConnectPoint at, byte[] frame) {
        OfSwitch sw = switches.getSwitch(at.dpid());
        if (sw == null || sw.port(at.port()) == null) {
            return false;
        }
        return switches.send(sw.dpid(), OfPackets.packetOut(sw.factory(), PortNo.CONTROLLER,
                List.of(OfPackets.output(sw.factory(), at.port())), frame));
    }

    /** One PACKET_OUT per switch with an output per edge port; false when it went nowhere. */
    private boolean flood(byte[] frame) {
        Topology t = topology.topology();
        boolean any = false;
        for (OfSwitch sw : switches.switches()) {
            List<PortNo> edge = edgePorts(sw, t);
            if (!edge.isEmpty() && switches.send(sw.dpid(), OfPackets.packetOut(sw.factory(), PortNo.CONTROLLER,
                    OfPackets.outputs(sw.factory(), edge), frame))) {
                any = true;
            }
        }
        return any;
    }

    /** The ports of a switch where hosts may be: network ports, up, flooding allowed, no link. */
    static List<PortNo> edgePorts(OfSwitch sw, Topology t) {
        List<PortNo> out = new ArrayList<>();
        for (PortDesc p : sw.portList()) {
            if (p.isNetworkPort() && p.isUp() && !p.noFlood()
                    && !t.isInfrastructure(ConnectPoint.of(sw.dpid(), p.number()))) {
                out.add(p.number());
            }
        }
        return out;
    }

    private static long mac(byte[] f) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (f[i] & 0xff);
        }
        return v;
    }
}
