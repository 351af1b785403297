package io.flowlb.controller.fwd;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.Link;
import io.flowlb.controller.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision of L2 forwarding as a pure function: given where a packet came in, its
 * destination MAC, the topology snapshot and the destination host (if known), say where it goes.
 *
 * <ul>
 *   <li>broadcast or multicast destination: flood, unless it came in through a link the
 *       spanning tree blocks (then it is a duplicate: drop);</li>
 *   <li>unknown destination, or no path to it: flood likewise;</li>
 *   <li>destination behind the very port the packet came in on, or reached back through it:
 *       drop (a switch does not send a packet out of its input port);</li>
 *   <li>otherwise forward along the shortest path, one hop per switch.</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
public final class L2Policy {

    private L2Policy() {
    }

    public static Forwarding decide(ConnectPoint in, long ethDst, Host dst, Topology topology) {
        boolean group = (ethDst & 0x0100_0000_0000L) != 0;
        if (group || dst == null) {
            return floodOrDrop(in, topology, group ? "broadcast or multicast" : "unknown destination");
        }
        ConnectPoint target = dst.location();
        if (target.equals(in)) {
            return new Forwarding.Drop("destination is behind the input port");
        }
        List<Link> path = topology.path(in.dpid(), target.dpid());
        if (path == null) {
            return floodOrDrop(in, topology, "no path to " + target);
        }
        if (!path.isEmpty() && path.get(0).src().port().equals(in.port())) {
            return new Forwarding.Drop("destination lies back through the input port");
        }
        List<Forwarding.Hop> hops = new ArrayList<>(path.size() + 1);
        Dpid at = in.dpid();
        PortNo from = in.port();
        for (Link l : path) {
            hops.add(new Forwarding.Hop(at, from, l.src().port()));
            at = l.dst().dpid();
            from = l.dst().port();
        }
        hops.add(new Forwarding.Hop(at, from, target.port()));
        return new Forwarding.Forward(hops);
    }

    private static Forwarding floodOrDrop(ConnectPoint in, Topology topology, String why) {
        if (!topology.isBroadcastAllowed(in)) {
            return new Forwarding.Drop(why + " arriving on a link the spanning tree blocks");
        }
        return new Forwarding.Flood(why);
    }
}
