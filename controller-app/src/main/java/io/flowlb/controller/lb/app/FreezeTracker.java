package io.flowlb.controller.lb.app;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which VIPs are frozen on which switch: on a switch whose SELECT groups do not keep connections
 * (Open vSwitch re-hashes connections when a group changes), a VIP whose pool loses a member for
 * new connections (drained, dead, weight 0, removed) must not have its group changed while
 * connections that started through it may still be running. Such a VIP turns reactive there and
 * its group stays as it was (see {@code Planner}).
 *
 * <p>A frozen VIP thaws when its pool has no draining member, no connection was adopted through
 * the frozen group for one connection idle timeout, and the switch holds no adoption flow of it
 * any more (checked by the statistics poll): nothing can then be moved by re-weighting the group.
 *
 * <p>Draining members: alive, not taking new connections, but taking them before. A member that
 * never took new connections (configured drained from the start, a secondary that recovered) has
 * no connection to protect.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
final class FreezeTracker {
    private final Map<PoolId, PoolWeights> last = new HashMap<>();
    private final Map<PoolId, Set<MemberId>> draining = new HashMap<>();
    private final Map<Dpid, Map<VipId, Long>> frozen = new TreeMap<>();

    /**
     * Takes the current weights of every pool; returns the pools that lost a member for new
     * connections since the last call. A pool whose weights are the very ones of the last call
     * (the effective weights are kept per pool until they change) is skipped: nothing moved.
     * Only the weights are kept, no per-member set, and draining sets only where a member drains.
     */
    Set<PoolId> update(Map<PoolId, PoolWeights> weights) {
        Set<PoolId> disrupted = new HashSet<>();
        last.keySet().retainAll(weights.keySet());
        draining.keySet().retainAll(weights.keySet());
        for (PoolWeights w : weights.values()) {
            PoolWeights was = last.put(w.poolId(), w);
            if (was == w) {
                continue;
            }
            if (lostAcceptingMember(was, w)) {
                disrupted.add(w.poolId());
            }
            Set<MemberId> wasDraining = draining.getOrDefault(w.poolId(), Set.of());
            Set<MemberId> nowDraining = new HashSet<>();
            for (MemberWeight m : w.members()) {
                if (!m.acceptsNew() && m.alive() && (accepted(was, m.memberId()) || wasDraining.contains(m.memberId()))) {
                    nowDraining.add(m.memberId());
                }
            }
            if (nowDraining.isEmpty()) {
                draining.remove(w.poolId());
            } else {
                draining.put(w.poolId(), nowDraining);
            }
        }
        return disrupted;
    }

    /** True when a member that took new connections under {@code was} takes none (or is gone) under {@code now}. */
    private static boolean lostAcceptingMember(PoolWeights was, PoolWeights now) {
        if (was == null) {
            return false;
        }
        for (MemberWeight b : was.members()) {
            if (b.acceptsNew() && !accepted(now, b.memberId())) {
                return true;
            }
        }
        return false;
    }

    private static boolean accepted(PoolWeights weights, MemberId member) {
        MemberWeight w = weights == null ? null : weights.get(member);
        return w != null && w.acceptsNew();
    }

    boolean isDraining(PoolId pool) {
        return !draining.getOrDefault(pool, Set.of()).isEmpty();
    }

    void freeze(Dpid dpid, VipId vip, long nowMillis) {
        frozen.computeIfAbsent(dpid, k -> new TreeMap<>()).putIfAbsent(vip, nowMillis);
    }

    void thaw(Dpid dpid, VipId vip) {
        Map<VipId, Long> m = frozen.get(dpid);
        if (m != null) {
            m.remove(vip);
        }
    }

    /** When the VIP froze on the switch, or -1 when it is not frozen. */
    long frozenAt(Dpid dpid, VipId vip) {
        return frozen.getOrDefault(dpid, Map.of()).getOrDefault(vip, -1L);
    }

    /** Forgets a switch (it reconnects clean) and VIPs that left the configuration. */
    void retain(Set<Dpid> switches, Set<VipId> vips) {
        frozen.keySet().retainAll(switches);
        for (Map<VipId, Long> m : frozen.values()) {
            m.keySet().retainAll(vips);
        }
    }

    /** The frozen VIPs of every switch. */
    Map<Dpid, Set<VipId>> frozen() {
        Map<Dpid, Set<VipId>> out = new TreeMap<>();
        frozen.forEach((dpid, m) -> out.put(dpid, Set.copyOf(m.keySet())));
        return out;
    }
}
