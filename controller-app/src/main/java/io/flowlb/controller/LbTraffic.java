package io.flowlb.controller;

import io.flowlb.controller.master.TrafficSource;
import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.VipId;

/**
 * The traffic counters the LB application measures in the switches (group bucket counters,
 * reactive connections), as the {@link TrafficSource} of the master module's distribution view:
 * the master module knows weights and health, the LB application knows packets and connections.
 *
 * <p>Thread safety: reads the LB application's published view only.
 */
final class LbTraffic implements TrafficSource {
    private final DistributionView measured;

    LbTraffic(DistributionView measured) {
        this.measured = measured;
    }

    @Override
    public Traffic traffic(VipId vip, MemberId member) {
        VipDistribution d = measured.distribution(vip);
        if (d == null) {
            return null;
        }
        for (MemberDistribution m : d.members()) {
            if (m.memberId().equals(member)) {
                return new Traffic(m.activeConnections(), m.totalConnections(), m.packetsIn(), m.bytesIn(),
                        m.packetsOut(), m.bytesOut());
            }
        }
        return null;
    }
}
