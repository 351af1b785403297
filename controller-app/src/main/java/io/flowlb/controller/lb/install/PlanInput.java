package io.flowlb.controller.lb.install;

import io.flowlb.controller.topology.Topology;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.util.Map;
import java.util.Set;

/**
 * Everything the desired state of the switches depends on, apart from the switch itself.
 *
 * @param config the LB configuration
 * @param weights the effective weights of every pool (the master module's, or the defaults)
 * @param places the members whose MAC and attachment are known; the others get no bucket yet
 * @param topology the switch graph, for members attached to another switch
 * @param groupIds the group id of every VIP
 * @param settings the installer settings
 * @param drainingPools pools with a member that went from taking new connections to draining:
 *                      reactive on switches whose groups do not keep connections
 * @param routerAnswers per router pool, the router MAC given to each server that asked for the
 *                      gateway (the per-server ARP responder flows on switches with {@code app-arp})
 *
 * <p>Thread safety: immutable when its maps are.
 */
public record PlanInput(LbConfig config, Map<PoolId, PoolWeights> weights, Map<MemberId, MemberPlace> places,
                        Topology topology, Map<VipId, Integer> groupIds, InstallerSettings settings,
                        Set<PoolId> drainingPools, Map<RouterPoolId, Map<IpAddress, MacAddress>> routerAnswers) {

    public PlanInput {
        weights = Map.copyOf(weights);
        places = Map.copyOf(places);
        groupIds = Map.copyOf(groupIds);
        drainingPools = Set.copyOf(drainingPools);
        routerAnswers = Map.copyOf(routerAnswers);
    }
}
