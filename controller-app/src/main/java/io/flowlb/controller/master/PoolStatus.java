package io.flowlb.controller.master;

import io.flowlb.controller.resource.MemberDetails;
import io.flowlb.loadbalancer.distribution.ClusterRole;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.distribution.MemberState;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolDistribution;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.AvailabilityMode;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pool's published distribution and its members' status.
 *
 * @param generation how many distributions have been published for the pool (0 before the first)
 * @param primary the availability cluster's primary, or null (active-all pools, or no member up)
 * @param members in member id order
 *
 * <p>Thread safety: immutable.
 */
public record PoolStatus(PoolId poolId, long generation, MemberId primary, List<MemberStatus> members) {
    public PoolStatus {
        members = List.copyOf(members);
    }

    /** The status of one pool as its private state stands at {@code now}. */
    static PoolStatus of(long now, Pool pool, Map<MemberId, MemberState> states, PoolDistribution distribution,
                         MemberDetails details, DistributionSettings settings) {
        PoolWeights published = distribution.published();
        Map<MemberId, MemberWeight> weights = new HashMap<>();
        long total = 0;
        if (published != null) {
            for (MemberWeight w : published.members()) {
                weights.put(w.memberId(), w);
                total += w.weight();
            }
        }
        boolean availability = pool.availability() == AvailabilityMode.PRIMARY_SECONDARY;
        List<MemberStatus> members = new ArrayList<>(states.size());
        for (MemberState s : states.values()) {
            MemberWeight w = weights.get(s.id());
            ClusterRole role = availability ? distribution.cluster().roleOf(s.id()) : null;
            members.add(new MemberStatus(s.id(), s.health(), details.checks(s.id()),
                    w == null ? 0 : w.weight(), s.baseWeight(), w == null ? s.alive() : w.alive(),
                    w != null && w.acceptsNew(), w == null || total == 0 ? 0.0 : (double) w.weight() / total, role,
                    s.agent(), details.agentStatus(s.id()), s.load(),
                    s.freshLoad(now, settings.staleAfterMs()) != null, s.activeConnections()));
        }
        return new PoolStatus(pool.id(), distribution.generation(), distribution.cluster().primary(), members);
    }

    /** A member's status, or null (a binary search: the members are in id order). */
    public MemberStatus member(MemberId id) {
        return MemberId.find(members, MemberStatus::memberId, id);
    }
}
