package io.flowlb.controller.master;

import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.VipId;

/**
 * The per-member traffic counters the LB application reads from the switches, for
 * {@link MasterDistributionView}. The master module knows weights and health; the switches know
 * connections and bytes.
 *
 * <p>Thread safety: implementations are read from any thread and must return published values.
 */
@FunctionalInterface
public interface TrafficSource {

    /** The counters of one member for one VIP, or null when there are none yet. */
    Traffic traffic(VipId vip, MemberId member);

    /** No traffic known anywhere: what the view shows until the LB application provides counters. */
    TrafficSource NONE = (vip, member) -> null;

    /** A member's counters for one VIP; see {@link io.flowlb.controller.view.MemberDistribution}. */
    record Traffic(long activeConnections, long totalConnections, long packetsIn, long bytesIn, long packetsOut,
                   long bytesOut) {
        public static final Traffic ZERO = new Traffic(0, 0, 0, 0, 0, 0);
    }
}
