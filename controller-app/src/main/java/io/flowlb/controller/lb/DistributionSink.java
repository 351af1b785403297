package io.flowlb.controller.lb;

import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.PoolId;

/**
 * Where the master module hands each pool's load distribution: the LB application, which turns
 * the effective weights (and each member's alive / accepts-new flags) into SELECT group buckets
 * or reactive choices on every switch.
 *
 * <p>Until the master module has published a pool, the LB application uses the configured
 * weights with every member alive, so a VIP works before any health check or agent report.
 *
 * <p>Thread safety: called on the LB control thread ({@code lb-control}) only; implementations
 * may assume single-threaded access from it.
 */
public interface DistributionSink {

    /**
     * Publishes the distribution of one pool. Called only when it changed (the master module
     * applies hysteresis first); the sink pushes it to the switches (GROUP_MOD modify) without
     * moving existing connections on switches that keep a connection table.
     */
    void publish(PoolId pool, PoolWeights weights);
}
