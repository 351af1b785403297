package io.flowlb.controller.lb.app;

import io.flowlb.loadbalancer.distribution.DistributionEngine;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.distribution.MemberState;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolDistribution;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights the switches get for each pool: the master module's, once it has published the
 * pool, else those the configuration implies (health unknown counts as alive, no reports: the
 * pool's algorithm over configured weights and admin states, and under primary/secondary the
 * cluster stepped here so a primary is kept without pre-emption).
 *
 * <p>A published distribution is fitted to the current configuration: members it does not know
 * (added since) take their configured weights, members no longer configured are left out, so a
 * member change takes effect at once even before the master module republishes.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
final class EffectiveWeights {
    private final DistributionEngine engine = new DistributionEngine(DistributionSettings.DEFAULTS);
    private final Map<PoolId, PoolWeights> published = new HashMap<>();
    private final Map<PoolId, PoolDistribution> configured = new HashMap<>();
    private final Map<PoolId, Long> generations = new HashMap<>();

    /** The master module published this pool's distribution. */
    void publish(PoolWeights weights) {
        published.put(weights.poolId(), weights);
        generations.merge(weights.poolId(), 1L, Long::sum);
    }

    /** Steps the configured distributions to a new configuration and forgets pools that left it. */
    void configure(LbConfig config) {
        published.keySet().retainAll(config.pools().keySet());
        configured.keySet().retainAll(config.pools().keySet());
        generations.keySet().retainAll(config.pools().keySet());
        for (Pool p : config.pools().values()) {
            List<MemberState> states = new ArrayList<>();
            for (Member m : config.membersOf(p.id())) {
                states.add(MemberState.of(m));
            }
            PoolDistribution before = configured.getOrDefault(p.id(), PoolDistribution.initial(p.id()));
            PoolDistribution after = engine.step(before, p, states, 0);
            configured.put(p.id(), after);
            if (after.changed() && !published.containsKey(p.id())) {
                generations.merge(p.id(), 1L, Long::sum);
            }
        }
    }

    /** The effective weights of every configured pool. */
    Map<PoolId, PoolWeights> all(LbConfig config) {
        Map<PoolId, PoolWeights> out = new HashMap<>();
        for (Pool p : config.pools().values()) {
            out.put(p.id(), of(config, p.id()));
        }
        return out;
    }

    /** How many distributions the pool has had (for the distribution view). */
    long generation(PoolId pool) {
        return generations.getOrDefault(pool, 0L);
    }

    /** True when the master module has published the pool. */
    boolean isPublished(PoolId pool) {
        return published.containsKey(pool);
    }

    private PoolWeights of(LbConfig config, PoolId pool) {
        PoolDistribution d = configured.get(pool);
        PoolWeights defaults = d == null ? new PoolWeights(pool, List.of()) : d.published();
        PoolWeights master = published.get(pool);
        if (master == null) {
            return defaults;
        }
        List<MemberWeight> fitted = new ArrayList<>();
        for (Member m : config.membersOf(pool)) {
            MemberWeight w = master.get(m.id());
            if (w == null) {
                w = defaults.get(m.id());
            }
            if (w != null) {
                fitted.add(w);
            }
        }
        return new PoolWeights(pool, fitted);
    }
}
