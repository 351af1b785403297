package io.flowlb.controller.view;

import io.flowlb.loadbalancer.model.VipId;
import java.util.List;

/**
 * The current load distribution of every VIP: per member its weight, health, share of new
 * connections, active connections and traffic. Implemented by the LB application; until it is
 * wired, {@link ConfiguredDistributionView}.
 *
 * <p>Thread safety: callable from any thread; must read published snapshots only.
 */
public interface DistributionView {

    /** Every VIP, in VIP id order. */
    List<VipDistribution> distributions();

    /** One VIP's distribution, or null when there is no such VIP. */
    default VipDistribution distribution(VipId vip) {
        for (VipDistribution d : distributions()) {
            if (d.vipId().equals(vip)) {
                return d;
            }
        }
        return null;
    }
}
