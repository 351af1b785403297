package io.flowlb.controller.topology;

import io.flowlb.controller.core.Listeners;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.SwitchListener;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.FloodScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TopologyService}: rebuilds the {@link Topology} snapshot whenever a switch connects
 * or disconnects or link discovery reports a link change, publishes it, and tells listeners.
 * It is also the {@link FloodScope} of the packet service: floods go out of edge ports and
 * spanning-tree ports only.
 *
 * <p>Thread safety: the switch and link sets are written on the event thread only (listener
 * callbacks); the snapshot is a volatile immutable object readable from any thread.
 */
public final class TopologyManager implements TopologyService, FloodScope, SwitchListener, LinkListener {
    private static final Logger LOG = LoggerFactory.getLogger(TopologyManager.class);

    private final Set<Dpid> switches = new HashSet<>();
    private final Set<Link> links = new HashSet<>();
    private final Listeners<TopologyListener> listeners = new Listeners<>(LOG, "topology listener");
    private volatile Topology current = Topology.EMPTY;

    public TopologyManager(SwitchService switchService) {
        switchService.addListener(this);
        for (OfSwitch sw : switchService.switches()) {
            switches.add(sw.dpid());
        }
        current = Topology.of(switches, links);
    }

    @Override
    public Topology topology() {
        return current;
    }

    @Override
    public void addListener(TopologyListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(TopologyListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void switchConnected(OfSwitch sw) {
        if (switches.add(sw.dpid())) {
            rebuild();
        }
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        if (switches.remove(sw.dpid())) {
            links.removeIf(l -> l.src().dpid().equals(sw.dpid()) || l.dst().dpid().equals(sw.dpid()));
            rebuild();
        }
    }

    @Override
    public void linkAdded(Link link) {
        if (links.add(link)) {
            rebuild();
        }
    }

    @Override
    public void linkRemoved(Link link) {
        if (links.remove(link)) {
            rebuild();
        }
    }

    private void rebuild() {
        Topology t = Topology.of(switches, links);
        current = t;
        LOG.debug("{}", t);
        listeners.fire(l -> l.topologyChanged(t));
    }

    /**
     * Edge ports that are up, plus up spanning-tree ports, without the input port. A packet that
     * came in through a blocked (non-tree) link is not flooded at all: it is a copy another tree
     * path already delivers. Switches without links flood with OFPP_FLOOD.
     */
    @Override
    public List<PortNo> floodPorts(OfSwitch sw, PortNo inPort) {
        Topology t = current;
        if (t.linksFrom(sw.dpid()).isEmpty() && !hasIncoming(t, sw.dpid())) {
            return null;
        }
        if (!t.isBroadcastAllowed(ConnectPoint.of(sw.dpid(), inPort))) {
            return List.of();
        }
        List<PortNo> out = new ArrayList<>();
        for (PortDesc p : sw.portList()) {
            if (!p.isNetworkPort() || p.number().equals(inPort) || !p.isUp() || p.noFlood()) {
                continue;
            }
            if (t.isBroadcastAllowed(ConnectPoint.of(sw.dpid(), p.number()))) {
                out.add(p.number());
            }
        }
        return out;
    }

    private static boolean hasIncoming(Topology t, Dpid dpid) {
        for (Link l : t.links()) {
            if (l.dst().dpid().equals(dpid)) {
                return true;
            }
        }
        return false;
    }
}
