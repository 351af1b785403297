package io.flowlb.controller.lb.router;

import io.flowlb.controller.lb.arp.FrameWriter;
import io.flowlb.controller.lb.arp.Prober;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.loadbalancer.distribution.RouterAssignment;
import io.flowlb.loadbalancer.distribution.RouterChoice;
import io.flowlb.loadbalancer.distribution.RouterFailover;
import io.flowlb.loadbalancer.distribution.RouterSelector;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Router;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.packet.ArpReplies;
import io.flowlb.loadbalancer.packet.PacketView;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Router pools (WO 99/33227, Fig. 2): which router each server uses as its gateway.
 *
 * <ul>
 *   <li>A server's ARP request for a pool's gateway address is answered with the MAC of the router
 *       {@link RouterSelector} picks for it (load vector or source-IP round robin; a server keeps
 *       its router while it is healthy). On switches with {@code app-arp} the planner then
 *       installs a responder flow for that server, so the switch answers its refreshes.</li>
 *   <li>Health: the controller ARP-probes every router each probe interval (at its port once
 *       known); a router that misses {@code deadAfter} probes in a row is failed, one that
 *       answers again recovers. {@link RouterHealth} reports from elsewhere count too.</li>
 *   <li>Failover: a failed router's servers get another router at once, and each is sent an
 *       unsolicited ARP announcement of the gateway at its new router's MAC, out of its own
 *       port, so its traffic moves without waiting for its ARP cache to expire.</li>
 * </ul>
 *
 * <p>Thread safety: confined to the LB control thread.
 */
public final class RouterPools {
    private static final Logger LOG = LoggerFactory.getLogger(RouterPools.class);

    private final PacketService packets;
    private final Runnable changed;
    private final int deadAfter;
    private final Map<RouterPoolId, RouterSelector> selectors = new TreeMap<>();
    private final Map<IpAddress, ConnectPoint> routerPlaces = new HashMap<>();
    private final Map<IpAddress, Integer> missed = new HashMap<>();
    private final Set<IpAddress> probeFailed = new HashSet<>();
    private final Set<IpAddress> reportedDown = new HashSet<>();
    private final Map<IpAddress, ServerPlace> servers = new HashMap<>();
    private long answers;
    private long failovers;

    /** Where a server asked from: its MAC, port and VLAN tag (-1 untagged). */
    private record ServerPlace(MacAddress mac, ConnectPoint at, int vlanTci) {
    }

    /**
     * @param changed called when answers changed (servers assigned or moved): the switches'
     *                per-server flows need re-planning
     */
    public RouterPools(PacketService packets, Runnable changed, int deadAfter) {
        this.packets = packets;
        this.changed = changed;
        this.deadAfter = deadAfter;
    }

    /** Takes a new configuration: pools added, changed (servers of removed routers move) or removed. */
    public void configure(LbConfig config) {
        selectors.keySet().retainAll(config.routerPools().keySet());
        for (RouterPool p : config.routerPools().values()) {
            RouterSelector s = selectors.get(p.id());
            if (s == null) {
                s = RouterSelector.initial(p);
                for (Router r : p.routers()) {
                    if (!healthy(r.address())) {
                        s = s.withRouterHealth(r.address(), false).next();
                    }
                }
                selectors.put(p.id(), s);
            } else if (!s.pool().equals(p)) {
                apply(p.id(), s.withPool(p));
            }
        }
    }

    /** Answers a server's ARP request for a gateway; true when its router assignment changed. */
    public boolean request(ConnectPoint at, byte[] frame) {
        PacketView v = PacketContext.parse(frame);
        if (!v.isArp() || v.arpSpa() == 0) {
            return false;
        }
        IpAddress server = IpAddress.ofV4(v.arpSpa());
        RouterPoolId id = poolOf(IpAddress.ofV4(v.arpTpa()));
        RouterSelector s = id == null ? null : selectors.get(id);
        if (s == null) {
            return false;
        }
        servers.put(server, new ServerPlace(new MacAddress(v.arpSha()), at, v.vlanTci()));
        Router before = s.assignedRouter(server);
        RouterChoice choice = s.select(server);
        selectors.put(id, choice.next());
        if (choice.router() == null) {
            return false;
        }
        byte[] reply = FrameWriter.build(frame.length + 64, out -> ArpReplies.write(v, choice.router().mac().value(),
                out, 0));
        if (reply != null) {
            packets.emit(at.dpid(), at.port(), reply);
            answers++;
        }
        return !choice.router().equals(before);
    }

    /** An address was seen answering ARP: if it is a router, it is alive there. */
    public void seen(IpAddress address, MacAddress mac, ConnectPoint at) {
        if (!isRouter(address)) {
            return;
        }
        routerPlaces.put(address, at);
        missed.put(address, 0);
        if (probeFailed.remove(address) && !reportedDown.contains(address)) {
            LOG.info("router {} answers again", address);
            setHealth(address, true);
        }
    }

    /** Health reported from elsewhere ({@link RouterHealth}). */
    public void report(IpAddress router, boolean healthy) {
        boolean was = healthy(router);
        if (healthy) {
            reportedDown.remove(router);
        } else {
            reportedDown.add(router);
        }
        if (was != healthy(router)) {
            setHealth(router, healthy(router));
        }
    }

    /** One probe round: routers that missed too many probes fail; every router is probed again. */
    public void probe(Prober prober, Collection<Dpid> lbSwitches) {
        for (RouterSelector s : selectors.values()) {
            for (Router r : s.pool().routers()) {
                IpAddress a = r.address();
                int m = missed.merge(a, 1, Integer::sum);
                if (m > deadAfter && probeFailed.add(a)) {
                    LOG.warn("router {} did not answer {} ARP probes: failed", a, deadAfter);
                    if (!reportedDown.contains(a)) {
                        setHealth(a, false);
                    }
                }
                ConnectPoint at = routerPlaces.get(a);
                if (at != null) {
                    prober.probe(at, a);
                } else {
                    prober.flood(lbSwitches, a);
                }
            }
        }
    }

    /** Per pool, the router MAC each assigned server gets (healthy routers only). */
    public Map<RouterPoolId, Map<IpAddress, MacAddress>> answers() {
        Map<RouterPoolId, Map<IpAddress, MacAddress>> out = new TreeMap<>();
        for (Map.Entry<RouterPoolId, RouterSelector> e : selectors.entrySet()) {
            Map<IpAddress, MacAddress> m = new TreeMap<>();
            for (Map.Entry<IpAddress, IpAddress> a : e.getValue().assignments().entrySet()) {
                Router r = e.getValue().pool().router(a.getValue());
                if (r != null && e.getValue().isHealthy(r.address())) {
                    m.put(a.getKey(), r.mac());
                }
            }
            out.put(e.getKey(), m);
        }
        return out;
    }

    public boolean isHealthy(IpAddress router) {
        return healthy(router);
    }

    /** ARP answers sent to servers for gateways. */
    public long answersSent() {
        return answers;
    }

    /** Servers moved off failed routers. */
    public long failovers() {
        return failovers;
    }

    public RouterSelector selector(RouterPoolId id) {
        return selectors.get(id);
    }

    private boolean healthy(IpAddress router) {
        return !probeFailed.contains(router) && !reportedDown.contains(router);
    }

    private boolean isRouter(IpAddress address) {
        for (RouterSelector s : selectors.values()) {
            if (s.pool().router(address) != null) {
                return true;
            }
        }
        return false;
    }

    private RouterPoolId poolOf(IpAddress gateway) {
        for (RouterSelector s : selectors.values()) {
            if (s.pool().gatewayAddress().equals(gateway)) {
                return s.pool().id();
            }
        }
        return null;
    }

    private void setHealth(IpAddress router, boolean healthy) {
        for (Map.Entry<RouterPoolId, RouterSelector> e : List.copyOf(selectors.entrySet())) {
            if (e.getValue().pool().router(router) != null) {
                apply(e.getKey(), e.getValue().withRouterHealth(router, healthy));
            }
        }
        changed.run();
    }

    private void apply(RouterPoolId id, RouterFailover f) {
        selectors.put(id, f.next());
        IpAddress gateway = f.next().pool().gatewayAddress();
        for (RouterAssignment moved : f.moved()) {
            failovers++;
            announce(gateway, moved);
        }
        if (!f.moved().isEmpty()) {
            LOG.info("router pool {}: {} server(s) moved to other routers", id, f.moved().size());
            changed.run();
        }
    }

    /** Tells a moved server, at its own port, that the gateway is now at its new router's MAC. */
    private void announce(IpAddress gateway, RouterAssignment moved) {
        ServerPlace p = servers.get(moved.server());
        if (p == null || !gateway.isV4()) {
            return;
        }
        byte[] frame = FrameWriter.build(64, out -> ArpReplies.writeAnnouncement(moved.router().mac().value(),
                gateway.v4(), p.vlanTci(), out, 0));
        if (frame != null) {
            packets.emit(p.at().dpid(), p.at().port(), frame);
        }
    }
}
