package io.flowlb.controller.lb.arp;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.OfPackets;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.TopologyService;
import io.flowlb.loadbalancer.model.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.projectfloodlight.openflow.protocol.action.OFAction;

/**
 * Sends the controller's {@link ArpProbe ARP probes}: out of one known port, or, for an address
 * whose place is unknown, out of every edge port (up, physical, no link, not an in-switch
 * application) of the given switches, so the probe reaches every host once and never crosses a
 * link.
 *
 * <p>Thread safety: stateless apart from its services, which are thread-safe.
 */
public final class Prober {
    private final SwitchService switches;
    private final TopologyService topology;
    private final long probeMac;

    public Prober(SwitchService switches, TopologyService topology, long probeMac) {
        this.switches = switches;
        this.topology = topology;
        this.probeMac = probeMac;
    }

    public long probeMac() {
        return probeMac;
    }

    /** Asks for {@code target} at one port. */
    public void probe(ConnectPoint at, IpAddress target) {
        OfSwitch sw = switches.getSwitch(at.dpid());
        if (sw != null && target.isV4()) {
            send(sw, List.of(at.port()), ArpProbe.frame(probeMac, target));
        }
    }

    /** Asks for {@code target} on every edge port of {@code on}. */
    public void flood(Collection<Dpid> on, IpAddress target) {
        if (!target.isV4()) {
            return;
        }
        byte[] frame = ArpProbe.frame(probeMac, target);
        for (Dpid dpid : on) {
            OfSwitch sw = switches.getSwitch(dpid);
            if (sw != null) {
                send(sw, edgePorts(sw), frame);
            }
        }
    }

    private List<PortNo> edgePorts(OfSwitch sw) {
        List<PortNo> out = new ArrayList<>();
        for (PortDesc p : sw.portList()) {
            if (p.number().isPhysical() && p.isUp() && !p.name().startsWith("app-")
                    && !topology.isInfrastructure(ConnectPoint.of(sw.dpid(), p.number()))) {
                out.add(p.number());
            }
        }
        return out;
    }

    private void send(OfSwitch sw, List<PortNo> ports, byte[] frame) {
        if (ports.isEmpty()) {
            return;
        }
        List<OFAction> actions = OfPackets.outputs(sw.factory(), ports);
        switches.send(sw.dpid(), OfPackets.packetOut(sw.factory(), PortNo.CONTROLLER, actions, frame));
    }
}
