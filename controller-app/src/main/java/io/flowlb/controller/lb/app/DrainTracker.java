package io.flowlb.controller.lb.app;

import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which pools have a member draining: one that took new connections and now keeps only its
 * existing ones (alive, not accepting new). Such a pool must not have its SELECT group
 * re-weighted on a switch that does not keep connections (see the planner). A member that was
 * never accepting (configured drained from the start, a secondary that recovered after a
 * failover) has no connections to protect and does not count. A member stops draining when it
 * takes new connections again, dies, or leaves the pool.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
final class DrainTracker {
    private final Map<PoolId, Set<MemberId>> accepting = new HashMap<>();
    private final Map<PoolId, Set<MemberId>> draining = new HashMap<>();

    /** Takes the current weights of every pool. */
    void update(Map<PoolId, PoolWeights> weights) {
        accepting.keySet().retainAll(weights.keySet());
        draining.keySet().retainAll(weights.keySet());
        for (PoolWeights w : weights.values()) {
            Set<MemberId> wasAccepting = accepting.getOrDefault(w.poolId(), Set.of());
            Set<MemberId> wasDraining = draining.getOrDefault(w.poolId(), Set.of());
            Set<MemberId> nowAccepting = new HashSet<>();
            Set<MemberId> nowDraining = new HashSet<>();
            for (MemberWeight m : w.members()) {
                if (m.acceptsNew()) {
                    nowAccepting.add(m.memberId());
                } else if (m.alive() && (wasAccepting.contains(m.memberId()) || wasDraining.contains(m.memberId()))) {
                    nowDraining.add(m.memberId());
                }
            }
            accepting.put(w.poolId(), nowAccepting);
            draining.put(w.poolId(), nowDraining);
        }
    }

    /** The pools with a draining member. */
    Set<PoolId> drainingPools() {
        Set<PoolId> out = new HashSet<>();
        for (Map.Entry<PoolId, Set<MemberId>> e : draining.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    boolean isDraining(PoolId pool, MemberId member) {
        return draining.getOrDefault(pool, Set.of()).contains(member);
    }
}
