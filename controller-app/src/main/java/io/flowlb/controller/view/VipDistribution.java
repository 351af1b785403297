package io.flowlb.controller.view;

import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How one VIP spreads new connections over the members of its pool, with counters per member.
 *
 * @param poolId the VIP's pool, or null when it has none (then {@code members} is empty)
 * @param generation counts the distributions published for the pool; changes when weights change
 * @param members in member id order
 *
 * <p>Thread safety: immutable.
 */
public record VipDistribution(VipId vipId, PoolId poolId, long generation, List<MemberDistribution> members) {
    public VipDistribution {
        members = List.copyOf(members);
    }

    public long activeConnections() {
        return sum(MemberDistribution::activeConnections);
    }

    public long packetsIn() {
        return sum(MemberDistribution::packetsIn);
    }

    public long bytesIn() {
        return sum(MemberDistribution::bytesIn);
    }

    public long bytesOut() {
        return sum(MemberDistribution::bytesOut);
    }

    private long sum(ToLongFunction<MemberDistribution> f) {
        long n = 0;
        for (MemberDistribution m : members) {
            n += f.applyAsLong(m);
        }
        return n;
    }
}
