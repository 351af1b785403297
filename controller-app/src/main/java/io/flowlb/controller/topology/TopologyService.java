package io.flowlb.controller.topology;

import io.flowlb.controller.openflow.Dpid;
import java.util.List;

/**
 * The switch graph: the current {@link Topology} snapshot, paths and the infrastructure/edge
 * split of ports.
 *
 * <p>Thread safety: every method may be called from any thread; snapshots are immutable.
 */
public interface TopologyService {

    /** The current snapshot. */
    Topology topology();

    /** Shortest path as links, empty for the same switch, null when unreachable. */
    default List<Link> path(Dpid src, Dpid dst) {
        return topology().path(src, dst);
    }

    /** True when a link ends at this port. */
    default boolean isInfrastructure(ConnectPoint cp) {
        return topology().isInfrastructure(cp);
    }

    void addListener(TopologyListener listener);

    void removeListener(TopologyListener listener);
}
