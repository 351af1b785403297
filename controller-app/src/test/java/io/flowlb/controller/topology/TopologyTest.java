package io.flowlb.controller.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTest {

    static ConnectPoint cp(long dpid, int port) {
        return ConnectPoint.of(Dpid.of(dpid), PortNo.of(port));
    }

    /** Both directions of a cable between a.pa and b.pb. */
    static List<Link> cable(long a, int pa, long b, int pb) {
        return List.of(new Link(cp(a, pa), cp(b, pb)), new Link(cp(b, pb), cp(a, pa)));
    }

    static List<Dpid> dpids(long... ids) {
        List<Dpid> out = new ArrayList<>();
        for (long id : ids) {
            out.add(Dpid.of(id));
        }
        return out;
    }

    static List<Link> links(List<List<Link>> cables) {
        List<Link> out = new ArrayList<>();
        cables.forEach(out::addAll);
        return out;
    }

    /** A ring 1-2-3-4-1: port 1 toward the next switch, port 2 toward the previous one. */
    private final Topology ring = Topology.of(dpids(1, 2, 3, 4), links(List.of(cable(1, 1, 2, 2), cable(2, 1, 3, 2),
            cable(3, 1, 4, 2), cable(4, 1, 1, 2))));

    @Test
    void shortestPathFollowsFewestHops() {
        List<Link> p = ring.path(Dpid.of(1), Dpid.of(4));

        assertThat(p).containsExactly(new Link(cp(1, 2), cp(4, 1)));
        assertThat(ring.path(Dpid.of(1), Dpid.of(3))).hasSize(2);
        assertThat(ring.path(Dpid.of(2), Dpid.of(2))).isEmpty();
    }

    @Test
    void unreachableSwitchHasNoPath() {
        Topology split = Topology.of(dpids(1, 2, 3), cable(1, 1, 2, 1));

        assertThat(split.path(Dpid.of(1), Dpid.of(3))).isNull();
        assertThat(split.path(Dpid.of(1), Dpid.of(9))).isNull();
    }

    @Test
    void linksToUnknownSwitchesAreIgnored() {
        Topology t = Topology.of(dpids(1), cable(1, 1, 2, 1));

        assertThat(t.links()).isEmpty();
        assertThat(t.isInfrastructure(cp(1, 1))).isFalse();
    }

    @Test
    void ringFloodReachesEverySwitchExactlyOnce() {
        Map<Dpid, Integer> copies = new HashMap<>();
        ArrayDeque<ConnectPoint> frontier = new ArrayDeque<>();
        frontier.add(cp(1, 9));
        int hops = 0;
        while (!frontier.isEmpty() && hops++ < 100) {
            ConnectPoint in = frontier.poll();
            copies.merge(in.dpid(), 1, Integer::sum);
            if (!ring.isBroadcastAllowed(in)) {
                continue;
            }
            for (Link l : ring.linksFrom(in.dpid())) {
                if (!l.src().equals(in) && ring.isBroadcastAllowed(l.src())) {
                    frontier.add(l.dst());
                }
            }
        }

        assertThat(copies).containsOnlyKeys(dpids(1, 2, 3, 4).toArray(Dpid[]::new));
        assertThat(copies.values()).allMatch(n -> n == 1);
    }

    @Test
    void exactlyOneRingCableIsOffTheTree() {
        int blocked = 0;
        for (Link l : ring.links()) {
            if (!ring.isTreePort(l.src())) {
                blocked++;
            }
        }
        assertThat(blocked).isEqualTo(2);
        assertThat(ring.isInfrastructure(cp(1, 1))).isTrue();
        assertThat(ring.isInfrastructure(cp(1, 3))).isFalse();
        assertThat(ring.isBroadcastAllowed(cp(1, 3))).isTrue();
    }
}
