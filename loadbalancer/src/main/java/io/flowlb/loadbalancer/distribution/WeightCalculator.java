package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.Pool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The distribution algorithms of the master module: a pool, its members' states and {@code now}
 * in; one {@link MemberWeight} per member out. Pure: no clock, no state, no threads.
 *
 * <p>Eligible members are those that {@link MemberState#acceptsNew()} (and, under
 * {@link Algorithm#CAPABILITY}, carry every required tag). Their effective weights:
 * <ul>
 *   <li>ROUND_ROBIN: 1 each.</li>
 *   <li>WEIGHTED and CAPABILITY: the base weight (configured weight times agent percentage).</li>
 *   <li>LEAST_CONNECTIONS: proportional to {@code base / (1 + active connections)}, the weight
 *       at which weighted least-connections would pick each member next.</li>
 *   <li>LEAST_LOAD: proportional to {@code base * spare capacity} (see {@code SpareCapacity}),
 *       from load estimates no older than {@link DistributionSettings#staleAfterMs()}.</li>
 * </ul>
 * The two measured algorithms scale their scores so that the largest is {@value #SCALE} and
 * round, keeping at least 1 for every eligible member so none starves and each keeps reporting.
 * Members that are not eligible get weight 0 and keep their alive flag.
 *
 * <p>Thread safety: immutable; may be shared.
 */
public final class WeightCalculator {
    /** The largest effective weight; measured weights are scaled to it. */
    public static final int SCALE = 1000;

    private final DistributionSettings settings;

    public WeightCalculator(DistributionSettings settings) {
        this.settings = settings;
    }

    public PoolWeights compute(Pool pool, List<MemberState> members, long nowMillis) {
        List<MemberState> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(MemberState::id));
        int n = sorted.size();
        Algorithm algorithm = pool.algorithm();
        boolean[] eligible = new boolean[n];
        int[] base = new int[n];
        List<LoadEstimate> loads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MemberState s = sorted.get(i);
            base[i] = algorithm == Algorithm.ROUND_ROBIN ? 1 : s.baseWeight();
            eligible[i] = s.acceptsNew()
                    && (algorithm != Algorithm.CAPABILITY || s.member().hasAllTags(pool.requiredTags()));
            loads.add(s.freshLoad(nowMillis, settings.staleAfterMs()));
        }
        double[] score = switch (algorithm) {
            case ROUND_ROBIN, WEIGHTED, CAPABILITY -> null;
            case LEAST_CONNECTIONS -> leastConnections(sorted, base, eligible);
            case LEAST_LOAD -> leastLoad(loads, base, eligible);
        };
        double max = 0;
        for (int i = 0; score != null && i < n; i++) {
            max = Math.max(max, score[i]);
        }
        List<MemberWeight> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MemberState s = sorted.get(i);
            if (!eligible[i]) {
                out.add(MemberWeight.closed(s.id(), base[i], s.alive()));
                continue;
            }
            int w = score == null ? base[i] : (int) Math.max(1, Math.round(SCALE * score[i] / max));
            out.add(new MemberWeight(s.id(), w, base[i], true, true));
        }
        return new PoolWeights(pool.id(), out);
    }

    private static double[] leastConnections(List<MemberState> members, int[] base, boolean[] eligible) {
        double[] score = new double[base.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = eligible[i] ? base[i] / (1.0 + members.get(i).activeConnections()) : 0;
        }
        return score;
    }

    private static double[] leastLoad(List<LoadEstimate> loads, int[] base, boolean[] eligible) {
        double[] spare = SpareCapacity.of(loads, base, eligible);
        for (int i = 0; i < spare.length; i++) {
            spare[i] *= base[i];
        }
        return spare;
    }
}
