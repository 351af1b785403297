package io.flowlb.controller;

import io.flowlb.controller.lb.app.LbDistributionView;
import io.flowlb.controller.master.TrafficSource;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.VipId;

/**
 * The traffic counters the LB application measures in the switches (group bucket counters,
 * flow-switch's connections per bucket, reactive connections), as the {@link TrafficSource} of the master module's distribution view:
 * the master module knows weights and health, the LB application knows packets and connections.
 * Each member's counters are looked up directly, so a view of 100,000 members costs 100,000
 * lookups, not a search of every VIP for each.
 *
 * <p>Thread safety: reads the LB application's published view only.
 */
final class LbTraffic implements TrafficSource {
    private final LbDistributionView measured;

    LbTraffic(LbDistributionView measured) {
        this.measured = measured;
    }

    @Override
    public Traffic traffic(VipId vip, MemberId member) {
        LbDistributionView.Counters c = measured.counters(vip, member);
        return c == null ? null : new Traffic(c.activeConnections(), c.totalConnections(), c.packetsIn(), c.bytesIn(),
                0, 0);
    }
}
