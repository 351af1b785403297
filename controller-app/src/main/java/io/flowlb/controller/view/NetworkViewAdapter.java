package io.flowlb.controller.view;

import io.flowlb.loadbalancer.model.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A network with no switch and no host: what the REST API shows until the OpenFlow core is wired
 * in, and a base for test stubs, which override what they need.
 *
 * <p>Thread safety: stateless.
 */
public class NetworkViewAdapter implements NetworkView {

    @Override
    public List<SwitchInfo> switches() {
        return List.of();
    }

    @Override
    public CompletableFuture<List<PortInfo>> ports(String dpid) {
        return notConnected(dpid);
    }

    @Override
    public CompletableFuture<List<FlowInfo>> flows(String dpid) {
        return notConnected(dpid);
    }

    @Override
    public CompletableFuture<List<GroupInfo>> groups(String dpid) {
        return notConnected(dpid);
    }

    @Override
    public List<HostInfo> hosts() {
        return List.of();
    }

    @Override
    public CompletableFuture<List<ConnectionInfo>> connections() {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public Map<String, Long> openFlowMessages() {
        return Map.of();
    }

    /** The failure a per-switch method gives for a switch that is not connected. */
    protected static <T> CompletableFuture<T> notConnected(String dpid) {
        return CompletableFuture.failedFuture(new NotFoundException("dpid", "no switch " + dpid + " is connected"));
    }
}
