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
 * <p>Both are worked out per pool and kept until that pool's inputs change: a configuration change
 * steps only the pools whose definition or members changed, and a reconcile fits again only the
 * pools whose published or configured weights, or members, changed. With 1,000 pools of 100
 * members a change to one pool costs one pool's work, not 1,000.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
final class EffectiveWeights {
    private final DistributionEngine engine = new DistributionEngine(DistributionSettings.DEFAULTS);
    private final Map<PoolId, PoolWeights> published = new HashMap<>();
    private final Map<PoolId, PoolDistribution> configured = new HashMap<>();
    private final Map<PoolId, Long> generations = new HashMap<>();
    private final Map<PoolId, Inputs> steppedWith = new HashMap<>();
    private final Map<PoolId, Fitted> fitted = new HashMap<>();
    private long steps;

    /** What a pool's configured distribution was last stepped with. */
    private record Inputs(Pool pool, List<Member> members) {
    }

    /** A fitted result and what it was fitted from (weights by identity: they are immutable values). */
    private record Fitted(PoolWeights master, PoolWeights defaults, List<Member> members, PoolWeights result) {
        boolean fits(PoolWeights m, PoolWeights d, List<Member> now) {
            return master == m && defaults == d && members.equals(now);
        }
    }

    /** The master module published this pool's distribution. */
    void publish(PoolWeights weights) {
        published.put(weights.poolId(), weights);
        generations.merge(weights.poolId(), 1L, Long::sum);
    }

    /**
     * Steps the configured distributions of the pools whose definition or members changed, and
     * forgets pools that left the configuration.
     */
    void configure(LbConfig config) {
        published.keySet().retainAll(config.pools().keySet());
        configured.keySet().retainAll(config.pools().keySet());
        generations.keySet().retainAll(config.pools().keySet());
        steppedWith.keySet().retainAll(config.pools().keySet());
        fitted.keySet().retainAll(config.pools().keySet());
        for (Pool p : config.pools().values()) {
            List<Member> members = config.membersOf(p.id());
            Inputs last = steppedWith.put(p.id(), new Inputs(p, members));
            if (last != null && last.pool().equals(p) && last.members().equals(members)) {
                continue;
            }
            List<MemberState> states = new ArrayList<>(members.size());
            for (Member m : members) {
                states.add(MemberState.of(m));
            }
            PoolDistribution before = configured.getOrDefault(p.id(), PoolDistribution.initial(p.id()));
            PoolDistribution after = engine.step(before, p, states, 0);
            configured.put(p.id(), after);
            steps++;
            if (after.changed() && !published.containsKey(p.id())) {
                generations.merge(p.id(), 1L, Long::sum);
            }
        }
    }

    /** How many pools {@link #configure} has stepped since start (each one a weight computation). */
    long steps() {
        return steps;
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
        List<Member> members = config.membersOf(pool);
        Fitted last = fitted.get(pool);
        if (last != null && last.fits(master, defaults, members)) {
            if (last.members() != members) {
                fitted.put(pool, new Fitted(master, defaults, members, last.result()));
            }
            return last.result();
        }
        List<MemberWeight> out = new ArrayList<>(members.size());
        for (Member m : members) {
            MemberWeight w = master.get(m.id());
            if (w == null) {
                w = defaults.get(m.id());
            }
            if (w != null) {
                out.add(w);
            }
        }
        PoolWeights result = out.equals(master.members()) ? master : new PoolWeights(pool, out);
        fitted.put(pool, new Fitted(master, defaults, members, result));
        return result;
    }
}
