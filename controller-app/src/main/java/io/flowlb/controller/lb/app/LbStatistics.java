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
import io.flowlb.controller.lb.install.LbCookie;
import org.projectfloodlight.openflow.protocol.OFAggregateStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The LB application's measurements: polls the group statistics of every switch with groups and
 * the connections per SELECT bucket of every flow-switch, keeps the per-member counters
 * ({@link GroupCounters}, {@link SelectConnections}) and publishes the
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
    private final SelectConnections connections = new SelectConnections();
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
        connections.switchGone(dpid);
    }

    /** What was ignored of the switches' connections per SELECT bucket, by kind; safe from any thread. */
    Map<String, Long> connectionCounters() {
        return connections.counters();
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
        }, connections.snapshot());
    }

    /** Asks every switch with groups for their counters, and whether frozen VIPs may thaw. */
    void poll() {
        pollCounters();
        pollFrozen();
    }

    /** For each frozen VIP, how many adoption flows the switch still holds; none lets it thaw. */
    private void pollFrozen() {
        app.frozenVips().forEach((dpid, vips) -> {
            OfSwitch sw = switches.getSwitch(dpid);
            if (sw == null) {
                return;
            }
            for (VipId vip : vips) {
                long cookie = LbCookie.of(LbCookie.Kind.ADOPTION, vip.value());
                switches.requestMultipart(dpid, sw.factory().buildAggregateStatsRequest().setTableId(TableId.of(0))
                                .setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY).setMatch(sw.factory().matchWildcardAll())
                                .setCookie(U64.of(cookie)).setCookieMask(U64.NO_MASK).build())
                        .thenAccept(parts -> {
                            long flows = 0;
                            for (OFAggregateStatsReply r : parts) {
                                flows += r.getFlowCount();
                            }
                            long n = flows;
                            onLbThread.execute(() -> app.thawIfIdle(dpid, vip, n));
                        });
            }
        });
    }

    private void pollCounters() {
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
            if (i.profile().keepsConnections() && connections.asks(sw.dpid())) {
                pollConnections(sw, vipOf);
            }
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

    /** Asks a flow-switch for the connections of its SELECT groups' buckets (all parts of the answer). */
    private void pollConnections(OfSwitch sw, Map<Integer, VipId> vipOf) {
        switches.requestMultipart(sw.dpid(), SelectConnections.request(sw.factory()))
                .whenComplete((parts, failure) -> onLbThread.execute(() -> {
                    SwitchInstaller now = app.installer(sw.dpid());
                    if (now == null || now.sw().session() != sw.session()) {
                        return;
                    }
                    if (failure != null) {
                        connections.failed(sw.dpid(), failure);
                    } else {
                        connections.record(sw.dpid(), now.installed(), parts, vipOf);
                    }
                    publish();
                }));
    }
}
