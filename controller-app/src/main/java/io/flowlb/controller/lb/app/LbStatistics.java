package io.flowlb.controller.lb.app;

import io.flowlb.controller.lb.install.PlanInput;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.loadbalancer.model.VipId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;
import org.projectfloodlight.openflow.types.OFGroup;

/**
 * The LB application's measurements: polls the group statistics of every switch with groups,
 * keeps the per-member counters ({@link GroupCounters}) and publishes the
 * {@link LbDistributionView} after every reconcile and every poll.
 *
 * <p>Thread safety: confined to the LB control thread; statistics replies are posted back to it
 * through {@code onLbThread}.
 */
final class LbStatistics {
    private final LoadBalancerApp app;
    private final SwitchService switches;
    private final Executor onLbThread;
    private final GroupCounters counters = new GroupCounters();
    private final LbDistributionView view = new LbDistributionView();

    LbStatistics(LoadBalancerApp app, SwitchService switches, Executor onLbThread) {
        this.app = app;
        this.switches = switches;
        this.onLbThread = onLbThread;
    }

    LbDistributionView view() {
        return view;
    }

    void switchGone(Dpid dpid) {
        counters.switchGone(dpid);
    }

    /** Rebuilds the distribution view from the last planning input and the counters. */
    void publish() {
        PlanInput in = app.lastInput();
        if (in == null) {
            return;
        }
        Map<Long, long[]> byBackend = app.reactive().connectionsByBackend();
        view.build(app.config(), in.weights(), app.weights()::generation, app.weights()::isPublished, counters, id -> {
            long[] c = byBackend.getOrDefault(id.backendKey(), new long[2]);
            return new LbDistributionView.Connections(c[0], c[1]);
        });
    }

    /** Asks every switch with groups for their counters; the answers update the view. */
    void poll() {
        PlanInput in = app.lastInput();
        Map<Integer, VipId> vipOf = new HashMap<>();
        if (in != null) {
            in.groupIds().forEach((vip, id) -> vipOf.put(id, vip));
        }
        for (SwitchInstaller i : app.installers()) {
            if (!i.profile().groups() || i.installed().groups().isEmpty()) {
                continue;
            }
            OfSwitch sw = i.sw();
            switches.requestMultipart(sw.dpid(), sw.factory().buildGroupStatsRequest().setGroup(OFGroup.ALL).build())
                    .thenAccept(parts -> onLbThread.execute(() -> {
                        SwitchInstaller now = app.installer(sw.dpid());
                        if (now == null) {
                            return;
                        }
                        List<OFGroupStatsEntry> entries = new ArrayList<>();
                        parts.forEach(p -> entries.addAll(p.getEntries()));
                        counters.record(sw.dpid(), now.installed(), entries, vipOf);
                        publish();
                    }));
        }
    }
}
