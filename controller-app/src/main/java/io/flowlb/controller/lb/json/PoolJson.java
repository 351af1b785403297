package io.flowlb.controller.lb.json;

import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.AvailabilityMode;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.util.List;
import java.util.Set;

/**
 * The JSON body of a {@link Pool}; the fields and defaults are the model's.
 *
 * <p>Thread safety: immutable.
 */
public record PoolJson(PoolId id, String name, Algorithm algorithm, List<MonitorId> monitorIds,
                       AvailabilityMode availability, Set<String> requiredTags, VipId vipId) {

    public static PoolJson of(Pool p) {
        return new PoolJson(p.id(), p.name(), p.algorithm(), p.monitorIds(), p.availability(), p.requiredTags(),
                p.vipId());
    }

    public Pool toPool(PoolId poolId) {
        return new Pool(poolId, name, algorithm, monitorIds, availability, requiredTags, vipId);
    }

    public Pool toPool() {
        return toPool(id);
    }

    public PoolJson withId(PoolId newId) {
        return new PoolJson(newId, name, algorithm, monitorIds, availability, requiredTags, vipId);
    }
}
