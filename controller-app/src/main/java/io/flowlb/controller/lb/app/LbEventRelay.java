package io.flowlb.controller.lb.app;

import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.arp.LbPacketSink;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortChange;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.SwitchListener;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostListener;
import io.flowlb.controller.topology.Topology;
import io.flowlb.controller.topology.TopologyListener;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the events the LB application needs from the event thread to the LB control thread:
 * switch, host and topology events, and what the packet processors hand on. Each becomes one task
 * on {@code lb-control}; a task the loop refuses (it is stopping, or its queue is full) is counted
 * and logged once, and the event is lost (the next reconcile or probe makes up for it).
 *
 * <p>Thread safety: called on the event thread; only posts.
 */
final class LbEventRelay implements SwitchListener, HostListener, TopologyListener, LbPacketSink {
    private static final Logger LOG = LoggerFactory.getLogger(LbEventRelay.class);

    private final LbService lb;
    private final LoadBalancerApp app;
    private final LongAdder refused = new LongAdder();

    LbEventRelay(LbService lb, LoadBalancerApp app) {
        this.lb = lb;
        this.app = app;
    }

    long refused() {
        return refused.sum();
    }

    private void post(Runnable task) {
        try {
            lb.execute(task);
        } catch (RejectedExecutionException e) {
            refused.increment();
            if (refused.sum() == 1) {
                LOG.warn("the LB control thread refused an event ({}); further refusals are only counted", e.getMessage());
            }
        }
    }

    @Override
    public void switchConnected(OfSwitch sw) {
        app.switchConnected(sw);
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        post(() -> app.switchGone(sw));
    }

    @Override
    public void portChanged(OfSwitch sw, PortDesc port, PortDesc previous, PortChange change) {
        post(() -> app.portChanged(sw));
    }

    @Override
    public void hostAdded(Host host) {
        post(() -> app.hostChanged(host, false));
    }

    @Override
    public void hostMoved(Host previous, Host now) {
        post(() -> app.hostChanged(now, false));
    }

    @Override
    public void hostUpdated(Host previous, Host now) {
        post(() -> app.hostChanged(now, false));
    }

    @Override
    public void hostRemoved(Host host) {
        post(() -> app.hostChanged(host, true));
    }

    @Override
    public void topologyChanged(Topology topology) {
        post(app::requestReconcile);
    }

    @Override
    public void neighbourSeen(IpAddress address, MacAddress mac, ConnectPoint at) {
        post(() -> app.neighbourSeen(address, mac, at));
    }

    @Override
    public void gatewayRequested(ConnectPoint at, byte[] frame) {
        post(() -> app.gatewayRequested(at, frame));
    }

    @Override
    public void vipPacket(ConnectPoint at, byte[] frame) {
        post(() -> app.vipPacket(at, frame));
    }

    void execute(Runnable task) {
        post(task);
    }
}
