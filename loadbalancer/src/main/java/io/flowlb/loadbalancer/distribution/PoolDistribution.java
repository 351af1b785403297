package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.PoolId;

/**
 * The master module's state for one pool between two steps: the weights last published, the
 * availability cluster, whether the last step published, and a generation counted up on each
 * publication (so the data plane can tell tables apart).
 *
 * <p>Thread safety: immutable. The controller's LB loop owns the current instance.
 */
public record PoolDistribution(PoolId poolId, PoolWeights published, AvailabilityCluster cluster, boolean changed,
                               long generation) {

    public PoolDistribution {
        if (poolId == null || cluster == null) {
            throw new IllegalArgumentException("poolId and cluster are required");
        }
    }

    /** The state of a pool before its first step: nothing published yet. */
    public static PoolDistribution initial(PoolId poolId) {
        return new PoolDistribution(poolId, null, AvailabilityCluster.EMPTY, false, 0);
    }
}
