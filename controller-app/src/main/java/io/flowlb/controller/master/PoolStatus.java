package io.flowlb.controller.master;

import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.List;

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

    /** A member's status, or null. */
    public MemberStatus member(MemberId id) {
        for (MemberStatus m : members) {
            if (m.memberId().equals(id)) {
                return m;
            }
        }
        return null;
    }
}
