package io.flowlb.loadbalancer.distribution;

import java.util.List;

/** The selector after a router health or configuration change, and the servers that moved. */
public record RouterFailover(RouterSelector next, List<RouterAssignment> moved) {
    public RouterFailover {
        moved = List.copyOf(moved);
    }
}
