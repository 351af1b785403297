package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The weights of every member of one pool, in member id order: what the controller compiles
 * into the pool's Maglev table and SELECT group buckets.
 *
 * <p>Thread safety: immutable.
 */
public record PoolWeights(PoolId poolId, List<MemberWeight> members) {

    public PoolWeights {
        if (poolId == null || members == null) {
            throw new IllegalArgumentException("poolId and members are required");
        }
        members = List.copyOf(members);
        Set<MemberId> seen = new HashSet<>();
        for (MemberWeight w : members) {
            if (!seen.add(w.memberId())) {
                throw new IllegalArgumentException("member " + w.memberId() + " appears twice in pool " + poolId);
            }
        }
    }

    /** The weight entry of a member, or null when the pool has no such member. */
    public MemberWeight get(MemberId id) {
        for (MemberWeight w : members) {
            if (w.memberId().equals(id)) {
                return w;
            }
        }
        return null;
    }

    /** The sum of effective weights: of the members that take new connections. */
    public long totalWeight() {
        long sum = 0;
        for (MemberWeight w : members) {
            sum += w.weight();
        }
        return sum;
    }

    /** The fraction of new connections a member gets, 0 to 1 (0 when no member takes any). */
    public double share(MemberId id) {
        MemberWeight w = get(id);
        long total = totalWeight();
        return w == null || total == 0 ? 0.0 : (double) w.weight() / total;
    }

    /** True when some member takes new connections. */
    public boolean hasCapacity() {
        return totalWeight() > 0;
    }

    /** True when both hold the same members with the same flags and base weights. */
    public boolean sameEligibility(PoolWeights o) {
        if (o == null || members.size() != o.members.size()) {
            return false;
        }
        for (int i = 0; i < members.size(); i++) {
            if (!members.get(i).sameEligibility(o.members.get(i))) {
                return false;
            }
        }
        return true;
    }
}
