package io.flowlb.controller.lb.app;

import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@link DistributionView} of the LB application: per VIP and member, the effective weight and
 * flags the switches have, the health the master module published (unknown until it publishes
 * the pool), the share of new traffic (measured from the group bucket counters of the last poll
 * when there was traffic, else the weights' proportion), connections the controller itself
 * tracks (reactive VIPs), and the packets and bytes clients sent to the member through the VIPs'
 * groups. Traffic from members back to clients is not counted (0).
 *
 * <p>Built on the LB control thread ({@link #build}) and published whole with one volatile store.
 *
 * <p>Thread safety: {@link #distributions} may be called from any thread.
 */
public final class LbDistributionView implements DistributionView {
    private volatile List<VipDistribution> current = List.of();

    @Override
    public List<VipDistribution> distributions() {
        return current;
    }

    /** What one member's connections look like to the reactive installer. */
    record Connections(long active, long total) {
    }

    /** Rebuilds the view (LB control thread). */
    void build(LbConfig config, Map<PoolId, PoolWeights> weights, Function<PoolId, Long> generation,
               Predicate<PoolId> published, GroupCounters counters, Function<MemberId, Connections> connections) {
        List<VipDistribution> out = new ArrayList<>(config.vips().size());
        for (Vip vip : config.vips().values()) {
            if (vip.poolId() == null) {
                out.add(new VipDistribution(vip.id(), null, 0, List.of()));
                continue;
            }
            PoolWeights w = weights.get(vip.poolId());
            List<Member> members = config.membersOf(vip.poolId());
            long recentTotal = 0;
            for (Member m : members) {
                recentTotal += counters.of(vip.id(), m.id()).recentPackets();
            }
            List<MemberDistribution> md = new ArrayList<>(members.size());
            for (Member m : members) {
                md.add(member(vip.id(), m, w, published.test(vip.poolId()), counters, recentTotal, connections));
            }
            out.add(new VipDistribution(vip.id(), vip.poolId(), generation.apply(vip.poolId()), md));
        }
        current = List.copyOf(out);
    }

    private static MemberDistribution member(VipId vip, Member m, PoolWeights w, boolean published,
                                             GroupCounters counters, long recentTotal,
                                             Function<MemberId, Connections> connections) {
        MemberWeight mw = w == null ? null : w.get(m.id());
        int weight = mw == null ? 0 : mw.weight();
        boolean alive = mw != null && mw.alive();
        Health health = !published ? Health.UNKNOWN : alive ? Health.UP : Health.DOWN;
        GroupCounters.Traffic t = counters.of(vip, m.id());
        double share = recentTotal > 0 ? (double) t.recentPackets() / recentTotal : w == null ? 0 : w.share(m.id());
        Connections c = connections.apply(m.id());
        return new MemberDistribution(m.id(), m.address(), m.port(), m.adminState(), health, weight, alive, share,
                c.active(), c.total(), t.packets(), t.bytes(), 0, 0);
    }
}
