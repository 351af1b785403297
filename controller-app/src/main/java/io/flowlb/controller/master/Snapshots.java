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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the master module's published {@link MasterSnapshot} from its private state.
 *
 * <p>Thread safety: stateless; called on the control thread.
 */
final class Snapshots {
    private Snapshots() {
    }

    /** One pool's private state, as the snapshot needs it. */
    record PoolState(Pool pool, Map<MemberId, MemberState> members, PoolDistribution distribution) {
    }

    static MasterSnapshot of(long now, List<PoolState> pools, MemberDetails details, DistributionSettings settings) {
        TreeMap<PoolId, PoolStatus> out = new TreeMap<>();
        for (PoolState p : pools) {
            out.put(p.pool().id(), pool(now, p, details, settings));
        }
        return new MasterSnapshot(now, out);
    }

    private static PoolStatus pool(long now, PoolState p, MemberDetails details, DistributionSettings settings) {
        PoolWeights published = p.distribution().published();
        boolean availability = p.pool().availability() == AvailabilityMode.PRIMARY_SECONDARY;
        List<MemberStatus> members = new ArrayList<>(p.members().size());
        for (MemberState s : p.members().values()) {
            MemberWeight w = published == null ? null : published.get(s.id());
            ClusterRole role = availability ? p.distribution().cluster().roleOf(s.id()) : null;
            members.add(new MemberStatus(s.id(), s.health(), details.checks(s.id()),
                    w == null ? 0 : w.weight(), s.baseWeight(), w == null ? s.alive() : w.alive(),
                    w != null && w.acceptsNew(), published == null ? 0.0 : published.share(s.id()), role, s.agent(),
                    details.agentStatus(s.id()), s.load(), s.freshLoad(now, settings.staleAfterMs()) != null,
                    s.activeConnections()));
        }
        return new PoolStatus(p.pool().id(), p.distribution().generation(), p.distribution().cluster().primary(),
                members);
    }
}
