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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@link DistributionView} of the LB application: per VIP and member, the effective weight and
 * flags the switches have, the health the master module published (unknown until it publishes
 * the pool), the share of new traffic (measured from the group bucket counters of the last poll
 * when there was traffic, else the weights' proportion), connections (those the controller itself
 * tracks for reactive VIPs plus those flow-switch's SELECT groups report, {@link
 * SelectConnections}), and the packets and bytes clients sent to the member through the VIPs'
 * groups. Traffic from members back to clients is not counted (0).
 *
 * <p>Built on the LB control thread ({@link #build}): a build keeps its immutable inputs (the
 * configuration, the weights, copies of the counters) and publishes them with one volatile store;
 * readers make the member rows they ask for. The rows of 100,000 members are then made only
 * when someone reads them, not kept after every reconcile and every statistics poll, and
 * {@link #counters} finds one member's counters without making any.
 *
 * <p>Thread safety: {@link #distributions}, {@link #distribution} and {@link #counters} may be
 * called from any thread.
 */
public final class LbDistributionView implements DistributionView {
    private volatile Inputs current = Inputs.NONE;

    /** One member's connections: active now, and total placed on it. */
    record Connections(long active, long total) {
        static final Connections ZERO = new Connections(0, 0);
    }

    /** One member's counters for one VIP: what the switches and the reactive installer measured. */
    public record Counters(long activeConnections, long totalConnections, long packetsIn, long bytesIn) {
    }

    /** What one build saw; immutable. */
    private record Inputs(LbConfig config, Map<PoolId, PoolWeights> weights, Map<PoolId, Long> generations,
                          Set<PoolId> published, Map<GroupCounters.Key, GroupCounters.Traffic> traffic,
                          Function<MemberId, Connections> connections,
                          Map<GroupCounters.Key, Connections> switchConnections) {
        static final Inputs NONE = new Inputs(LbConfig.EMPTY, Map.of(), Map.of(), Set.of(), Map.of(),
                id -> Connections.ZERO, Map.of());

        GroupCounters.Traffic traffic(VipId vip, MemberId member) {
            return traffic.getOrDefault(new GroupCounters.Key(vip, member), GroupCounters.Traffic.ZERO);
        }

        /** The reactive installer's connections of the member plus those the switches reported for the VIP. */
        Connections connections(VipId vip, MemberId member) {
            Connections reactive = connections.apply(member);
            Connections switched = switchConnections.get(new GroupCounters.Key(vip, member));
            return switched == null ? reactive
                    : new Connections(reactive.active() + switched.active(), reactive.total() + switched.total());
        }
    }

    @Override
    public List<VipDistribution> distributions() {
        Inputs in = current;
        List<VipDistribution> out = new ArrayList<>(in.config().vips().size());
        for (Vip vip : in.config().vips().values()) {
            out.add(of(in, vip));
        }
        return out;
    }

    @Override
    public VipDistribution distribution(VipId vip) {
        Inputs in = current;
        Vip v = in.config().vips().get(vip);
        return v == null ? null : of(in, v);
    }

    /** One member's counters for one VIP as of the last build, or null when the VIP or the member is unknown. */
    public Counters counters(VipId vip, MemberId member) {
        Inputs in = current;
        Vip v = in.config().vips().get(vip);
        Member m = in.config().members().get(member);
        if (v == null || m == null || !m.poolId().equals(v.poolId())) {
            return null;
        }
        GroupCounters.Traffic t = in.traffic(vip, member);
        Connections c = in.connections(vip, member);
        return new Counters(c.active(), c.total(), t.packets(), t.bytes());
    }

    /**
     * Publishes a new view (LB control thread); {@code connections} (the reactive installer's, per
     * member) and {@code switchConnections} (the switches', per VIP and member) must be immutable
     * snapshots.
     */
    void build(LbConfig config, Map<PoolId, PoolWeights> weights, Function<PoolId, Long> generation,
               Predicate<PoolId> published, GroupCounters counters, Function<MemberId, Connections> connections,
               Map<GroupCounters.Key, Connections> switchConnections) {
        Map<PoolId, Long> generations = new HashMap<>();
        Set<PoolId> publishedPools = new HashSet<>();
        for (PoolId pool : config.pools().keySet()) {
            generations.put(pool, generation.apply(pool));
            if (published.test(pool)) {
                publishedPools.add(pool);
            }
        }
        current = new Inputs(config, Map.copyOf(weights), generations, publishedPools, counters.snapshot(),
                connections, switchConnections);
    }

    private static VipDistribution of(Inputs in, Vip vip) {
        if (vip.poolId() == null) {
            return new VipDistribution(vip.id(), null, 0, List.of());
        }
        PoolWeights w = in.weights().get(vip.poolId());
        List<Member> members = in.config().membersOf(vip.poolId());
        long recentTotal = 0;
        for (Member m : members) {
            recentTotal += in.traffic(vip.id(), m.id()).recentPackets();
        }
        boolean published = in.published().contains(vip.poolId());
        List<MemberDistribution> md = new ArrayList<>(members.size());
        for (Member m : members) {
            md.add(member(in, vip.id(), m, w, published, recentTotal));
        }
        return new VipDistribution(vip.id(), vip.poolId(), in.generations().getOrDefault(vip.poolId(), 0L), md);
    }

    private static MemberDistribution member(Inputs in, VipId vip, Member m, PoolWeights w, boolean published,
                                             long recentTotal) {
        MemberWeight mw = w == null ? null : w.get(m.id());
        int weight = mw == null ? 0 : mw.weight();
        boolean alive = mw != null && mw.alive();
        Health health = !published ? Health.UNKNOWN : alive ? Health.UP : Health.DOWN;
        GroupCounters.Traffic t = in.traffic(vip, m.id());
        double share = recentTotal > 0 ? (double) t.recentPackets() / recentTotal : w == null ? 0 : w.share(m.id());
        Connections c = in.connections(vip, m.id());
        return new MemberDistribution(m.id(), m.address(), m.port(), m.adminState(), health, weight, alive, share,
                c.active(), c.total(), t.packets(), t.bytes(), 0, 0);
    }
}
