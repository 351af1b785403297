package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.AvailabilityMode;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The master module (WO 00/30294 item 54): turns a pool, its members' states and {@code now}
 * into the weights to publish, one pure step at a time.
 *
 * <p>One step: the algorithm's weights ({@link WeightCalculator}); under
 * {@link AvailabilityMode#PRIMARY_SECONDARY}, the availability cluster advances and only the
 * primary keeps new connections (the others stay alive for the connections they hold); then
 * {@link Hysteresis} decides whether the result replaces the published weights. The controller
 * calls {@link #step} on a timer and on every event (report, health change, config change) and
 * rebuilds the pool's tables only when {@link PoolDistribution#changed()}.
 *
 * <p>Thread safety: immutable; the caller owns the {@link PoolDistribution} it threads through.
 */
public final class DistributionEngine {
    private final WeightCalculator calculator;
    private final Hysteresis hysteresis;

    public DistributionEngine(DistributionSettings settings) {
        this.calculator = new WeightCalculator(settings);
        this.hysteresis = settings.hysteresis();
    }

    public PoolDistribution step(PoolDistribution previous, Pool pool, List<MemberState> members, long nowMillis) {
        if (!previous.poolId().equals(pool.id())) {
            throw new IllegalArgumentException("state of pool " + previous.poolId() + " stepped with pool " + pool.id());
        }
        PoolWeights candidate = calculator.compute(pool, members, nowMillis);
        AvailabilityCluster cluster = AvailabilityCluster.EMPTY;
        if (pool.availability() == AvailabilityMode.PRIMARY_SECONDARY) {
            cluster = previous.cluster().next(candidates(candidate, members));
            candidate = onlyPrimary(candidate, cluster.primary());
        }
        boolean publish = hysteresis.shouldPublish(previous.published(), candidate);
        return new PoolDistribution(pool.id(), publish ? candidate : previous.published(), cluster, publish,
                publish ? previous.generation() + 1 : previous.generation());
    }

    private static List<AvailabilityCluster.Candidate> candidates(PoolWeights weights, List<MemberState> members) {
        Map<MemberId, Integer> order = new HashMap<>();
        for (MemberState s : members) {
            order.put(s.id(), s.member().failoverOrder());
        }
        List<AvailabilityCluster.Candidate> out = new ArrayList<>(weights.members().size());
        for (MemberWeight w : weights.members()) {
            out.add(new AvailabilityCluster.Candidate(w.memberId(), order.get(w.memberId()), w.acceptsNew()));
        }
        return out;
    }

    private static PoolWeights onlyPrimary(PoolWeights weights, MemberId primary) {
        List<MemberWeight> out = new ArrayList<>(weights.members().size());
        for (MemberWeight w : weights.members()) {
            out.add(w.memberId().equals(primary) ? w : MemberWeight.closed(w.memberId(), w.baseWeight(), w.alive()));
        }
        return new PoolWeights(weights.poolId(), out);
    }
}
