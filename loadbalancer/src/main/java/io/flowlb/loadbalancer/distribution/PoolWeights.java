package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The weights of every member of one pool, in member id order: what the controller compiles
 * into the pool's Maglev table and SELECT group buckets.
 *
 * <p>A value with the accessors of a record ({@link #poolId()}, {@link #members()}). It also
 * keeps the total weight and whether the members are in id order, worked out once when it is
 * made: views and the fitting of a published distribution to the configuration look each member
 * up, and a pool of 100 members looked up member by member must not cost 100 x 100 comparisons.
 * Members in id order (as the engine and the configuration produce them) are found by binary
 * search; any other order falls back to a scan.
 *
 * <p>Thread safety: immutable.
 */
public final class PoolWeights {
    private final PoolId poolId;
    private final List<MemberWeight> members;
    private final long totalWeight;
    private final boolean inIdOrder;

    public PoolWeights(PoolId poolId, List<MemberWeight> members) {
        if (poolId == null || members == null) {
            throw new IllegalArgumentException("poolId and members are required");
        }
        this.poolId = poolId;
        this.members = List.copyOf(members);
        Set<MemberId> seen = new HashSet<>();
        long sum = 0;
        boolean ordered = true;
        MemberId previous = null;
        for (MemberWeight w : this.members) {
            if (!seen.add(w.memberId())) {
                throw new IllegalArgumentException("member " + w.memberId() + " appears twice in pool " + poolId);
            }
            sum += w.weight();
            ordered &= previous == null || previous.compareTo(w.memberId()) < 0;
            previous = w.memberId();
        }
        this.totalWeight = sum;
        this.inIdOrder = ordered;
    }

    public PoolId poolId() {
        return poolId;
    }

    public List<MemberWeight> members() {
        return members;
    }

    /** The weight entry of a member, or null when the pool has no such member. */
    public MemberWeight get(MemberId id) {
        if (!inIdOrder) {
            for (MemberWeight w : members) {
                if (w.memberId().equals(id)) {
                    return w;
                }
            }
            return null;
        }
        return MemberId.find(members, MemberWeight::memberId, id);
    }

    /** The sum of effective weights: of the members that take new connections. */
    public long totalWeight() {
        return totalWeight;
    }

    /** The fraction of new connections a member gets, 0 to 1 (0 when no member takes any). */
    public double share(MemberId id) {
        MemberWeight w = get(id);
        return w == null || totalWeight == 0 ? 0.0 : (double) w.weight() / totalWeight;
    }

    /** True when some member takes new connections. */
    public boolean hasCapacity() {
        return totalWeight > 0;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolWeights w && poolId.equals(w.poolId) && members.equals(w.members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(poolId, members);
    }

    @Override
    public String toString() {
        return "PoolWeights[poolId=" + poolId + ", members=" + members + "]";
    }
}
