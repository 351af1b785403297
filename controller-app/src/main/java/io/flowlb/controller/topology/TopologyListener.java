package io.flowlb.controller.topology;

/** Told when switches or links change. Called on the event thread with the new snapshot. */
@FunctionalInterface
public interface TopologyListener {
    void topologyChanged(Topology topology);
}
