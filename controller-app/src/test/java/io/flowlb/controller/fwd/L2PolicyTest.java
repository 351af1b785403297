package io.flowlb.controller.fwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.Link;
import io.flowlb.controller.topology.Topology;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.MacAddress;

class L2PolicyTest {
    private static final long MAC = 0x0200_0000_0009L;

    private static ConnectPoint cp(long d, int p) {
        return ConnectPoint.of(Dpid.of(d), PortNo.of(p));
    }

    private static Host hostAt(ConnectPoint at) {
        return new Host(MacAddress.of(MAC), -1, at, Set.of(), 0, 0);
    }

    /** s1:2 - s2:1, s2:2 - s3:1, s3:2 - s1:3 (a triangle). */
    private final Topology triangle = Topology.of(List.of(Dpid.of(1), Dpid.of(2), Dpid.of(3)), List.of(
            new Link(cp(1, 2), cp(2, 1)), new Link(cp(2, 1), cp(1, 2)),
            new Link(cp(2, 2), cp(3, 1)), new Link(cp(3, 1), cp(2, 2)),
            new Link(cp(3, 2), cp(1, 3)), new Link(cp(1, 3), cp(3, 2))));

    @Test
    void knownDestinationIsForwardedHopByHopAlongTheShortestPath() {
        Forwarding f = L2Policy.decide(cp(1, 9), MAC, hostAt(cp(3, 7)), triangle);

        assertThat(f).isEqualTo(new Forwarding.Forward(List.of(
                new Forwarding.Hop(Dpid.of(1), PortNo.of(9), PortNo.of(3)),
                new Forwarding.Hop(Dpid.of(3), PortNo.of(2), PortNo.of(7)))));
    }

    @Test
    void unknownOrBroadcastDestinationIsFlooded() {
        assertThat(L2Policy.decide(cp(1, 9), MAC, null, triangle)).isInstanceOf(Forwarding.Flood.class);
        assertThat(L2Policy.decide(cp(1, 9), 0xffff_ffff_ffffL, hostAt(cp(3, 7)), triangle))
                .isInstanceOf(Forwarding.Flood.class);
    }

    @Test
    void broadcastArrivingOnABlockedLinkIsDropped() {
        ConnectPoint blocked = null;
        for (Link l : triangle.links()) {
            if (!triangle.isTreePort(l.dst())) {
                blocked = l.dst();
            }
        }
        assertThat(blocked).isNotNull();

        assertThat(L2Policy.decide(blocked, 0xffff_ffff_ffffL, null, triangle)).isInstanceOf(Forwarding.Drop.class);
    }

    @Test
    void destinationBehindTheInputPortIsDropped() {
        assertThat(L2Policy.decide(cp(1, 9), MAC, hostAt(cp(1, 9)), triangle)).isInstanceOf(Forwarding.Drop.class);
        assertThat(L2Policy.decide(cp(1, 3), MAC, hostAt(cp(3, 7)), triangle)).isInstanceOf(Forwarding.Drop.class);
    }

    @Test
    void destinationOnTheSameSwitchIsOneHop() {
        assertThat(L2Policy.decide(cp(2, 5), MAC, hostAt(cp(2, 6)), triangle)).isEqualTo(new Forwarding.Forward(
                List.of(new Forwarding.Hop(Dpid.of(2), PortNo.of(5), PortNo.of(6)))));
    }
}
