package io.flowlb.controller.master;

import io.flowlb.controller.view.ConfiguredDistributionView;
import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The distribution the REST API, the dashboard and {@code /metrics} show: weights, health, shares
 * and generations from the master module's snapshot, traffic counters from a
 * {@link TrafficSource} (the LB application). A VIP whose pool the master module has not stepped
 * yet shows what the configuration alone implies.
 *
 * <p>Thread safety: reads the published configuration and snapshot only; callable from any thread.
 */
public final class MasterDistributionView implements DistributionView {
    private final Supplier<LbConfig> config;
    private final MasterService master;
    private final TrafficSource traffic;
    private final ConfiguredDistributionView fallback;

    public MasterDistributionView(Supplier<LbConfig> config, MasterService master, TrafficSource traffic) {
        this.config = config;
        this.master = master;
        this.traffic = traffic;
        this.fallback = new ConfiguredDistributionView(config, () -> 0);
    }

    @Override
    public List<VipDistribution> distributions() {
        LbConfig c = config.get();
        MasterSnapshot snap = master.snapshot();
        List<VipDistribution> out = new ArrayList<>(c.vips().size());
        List<VipDistribution> configured = null;
        for (Vip vip : c.vips().values()) {
            PoolStatus pool = vip.poolId() == null ? null : snap.pool(vip.poolId());
            if (pool == null || !samePool(c, pool)) {
                if (configured == null) {
                    configured = fallback.distributions();
                }
                out.add(find(configured, vip));
                continue;
            }
            List<MemberDistribution> members = new ArrayList<>(pool.members().size());
            for (Member m : c.membersOf(vip.poolId())) {
                MemberStatus s = pool.member(m.id());
                TrafficSource.Traffic t = traffic.traffic(vip.id(), m.id());
                if (t == null) {
                    t = TrafficSource.Traffic.ZERO;
                }
                members.add(new MemberDistribution(m.id(), m.address(), m.port(), m.adminState(), s.health(), s.weight(),
                        s.alive(), s.share(), t.activeConnections(), t.totalConnections(), t.packetsIn(), t.bytesIn(),
                        t.packetsOut(), t.bytesOut()));
            }
            out.add(new VipDistribution(vip.id(), vip.poolId(), pool.generation(), members));
        }
        return out;
    }

    /** True when the snapshot holds exactly the pool's configured members (it may lag a change). */
    private static boolean samePool(LbConfig c, PoolStatus pool) {
        List<Member> members = c.membersOf(pool.poolId());
        if (members.size() != pool.members().size()) {
            return false;
        }
        for (Member m : members) {
            if (pool.member(m.id()) == null) {
                return false;
            }
        }
        return true;
    }

    private static VipDistribution find(List<VipDistribution> list, Vip vip) {
        for (VipDistribution d : list) {
            if (d.vipId().equals(vip.id())) {
                return d;
            }
        }
        return new VipDistribution(vip.id(), vip.poolId(), 0, List.of());
    }
}
