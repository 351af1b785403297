package io.flowlb.controller.topology;

/** A {@link TopologyService} with an empty topology: a base for test doubles. */
public class TopologyServiceAdapter implements TopologyService {

    @Override
    public Topology topology() {
        return Topology.EMPTY;
    }

    @Override
    public void addListener(TopologyListener listener) {
    }

    @Override
    public void removeListener(TopologyListener listener) {
    }
}
