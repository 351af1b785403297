package io.flowlb.controller.topology;

import io.flowlb.controller.openflow.Dpid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable picture of the switch graph: connected switches, the links between them,
 * shortest paths (breadth-first, fewest hops, ties broken by DPID and port so paths are stable),
 * and a spanning tree for flooding.
 *
 * <p>Spanning tree: each connected component is walked breadth-first from its lowest DPID; the
 * link that first reaches a switch is a tree link, and both of its ports are tree ports. A port
 * that carries a link (an <em>infrastructure</em> port) floods only if it is a tree port; a port
 * without links (an <em>edge</em> port, where hosts are) always floods. So a broadcast reaches
 * every host exactly once even when the switches form loops.
 *
 * <p>Thread safety: immutable; built on the event thread and published by the topology manager.
 */
public final class Topology {
    public static final Topology EMPTY = of(List.of(), List.of());

    private final Set<Dpid> switches;
    private final Set<Link> links;
    private final Map<Dpid, List<Link>> outgoing;
    private final Set<ConnectPoint> infrastructure;
    private final Set<ConnectPoint> treePorts;

    private Topology(Set<Dpid> switches, Set<Link> links, Map<Dpid, List<Link>> outgoing,
            Set<ConnectPoint> infrastructure, Set<ConnectPoint> treePorts) {
        this.switches = switches;
        this.links = links;
        this.outgoing = outgoing;
        this.infrastructure = infrastructure;
        this.treePorts = treePorts;
    }

    /** Builds the topology; links with an end on a switch not in {@code switches} are left out. */
    public static Topology of(Collection<Dpid> switches, Collection<Link> links) {
        Set<Dpid> sw = Collections.unmodifiableSet(new TreeSet<>(switches));
        Set<Link> ls = new TreeSet<>();
        for (Link l : links) {
            if (sw.contains(l.src().dpid()) && sw.contains(l.dst().dpid()) && !l.src().dpid().equals(l.dst().dpid())) {
                ls.add(l);
            }
        }
        Map<Dpid, List<Link>> out = new TreeMap<>();
        Set<ConnectPoint> infra = new HashSet<>();
        for (Link l : ls) {
            out.computeIfAbsent(l.src().dpid(), k -> new ArrayList<>()).add(l);
            infra.add(l.src());
            infra.add(l.dst());
        }
        return new Topology(sw, Collections.unmodifiableSet(ls), out, Collections.unmodifiableSet(infra),
                Collections.unmodifiableSet(spanningTree(sw, ls)));
    }

    private static Set<ConnectPoint> spanningTree(Set<Dpid> switches, Set<Link> links) {
        Map<Dpid, List<Link>> undirected = new TreeMap<>();
        for (Link l : links) {
            undirected.computeIfAbsent(l.src().dpid(), k -> new ArrayList<>()).add(l);
            undirected.computeIfAbsent(l.dst().dpid(), k -> new ArrayList<>()).add(l.reverse());
        }
        for (List<Link> adj : undirected.values()) {
            adj.sort(null);
        }
        Set<ConnectPoint> tree = new HashSet<>();
        Set<Dpid> visited = new HashSet<>();
        for (Dpid root : switches) {
            if (!visited.add(root)) {
                continue;
            }
            ArrayDeque<Dpid> queue = new ArrayDeque<>();
            queue.add(root);
            while (!queue.isEmpty()) {
                Dpid u = queue.poll();
                for (Link l : undirected.getOrDefault(u, List.of())) {
                    if (visited.add(l.dst().dpid())) {
                        tree.add(l.src());
                        tree.add(l.dst());
                        queue.add(l.dst().dpid());
                    }
                }
            }
        }
        return tree;
    }

    public Set<Dpid> switches() {
        return switches;
    }

    public Set<Link> links() {
        return links;
    }

    /** Links leaving a switch, ordered. */
    public List<Link> linksFrom(Dpid dpid) {
        return Collections.unmodifiableList(outgoing.getOrDefault(dpid, List.of()));
    }

    /** True when a link ends at this port (no hosts are learned there). */
    public boolean isInfrastructure(ConnectPoint cp) {
        return infrastructure.contains(cp);
    }

    /** True for the ports of spanning-tree links. */
    public boolean isTreePort(ConnectPoint cp) {
        return treePorts.contains(cp);
    }

    /** Whether a flooded packet may leave (or may have arrived) through this port. */
    public boolean isBroadcastAllowed(ConnectPoint cp) {
        return !infrastructure.contains(cp) || treePorts.contains(cp);
    }

    /**
     * The shortest path from {@code src} to {@code dst} as the links to follow: empty when they
     * are the same switch, null when {@code dst} cannot be reached.
     */
    public List<Link> path(Dpid src, Dpid dst) {
        if (src.equals(dst)) {
            return switches.contains(src) ? List.of() : null;
        }
        Map<Dpid, Link> via = new HashMap<>();
        ArrayDeque<Dpid> queue = new ArrayDeque<>();
        queue.add(src);
        via.put(src, null);
        while (!queue.isEmpty()) {
            Dpid u = queue.poll();
            for (Link l : outgoing.getOrDefault(u, List.of())) {
                Dpid v = l.dst().dpid();
                if (via.containsKey(v)) {
                    continue;
                }
                via.put(v, l);
                if (v.equals(dst)) {
                    return unwind(via, dst);
                }
                queue.add(v);
            }
        }
        return null;
    }

    private static List<Link> unwind(Map<Dpid, Link> via, Dpid dst) {
        List<Link> path = new ArrayList<>();
        for (Link l = via.get(dst); l != null; l = via.get(l.src().dpid())) {
            path.add(l);
        }
        Collections.reverse(path);
        return List.copyOf(path);
    }

    @Override
    public String toString() {
        return "topology: " + switches.size() + " switches, " + links.size() + " links";
    }
}
