package io.flowlb.loadbalancer.distribution;

import java.util.List;

/**
 * The least-load formula: how much more work each member can take, from its smoothed reports.
 *
 * <p>For a member with a fresh estimate:
 * <pre>
 *   spare  = max(MIN_SPARE, 1 - max(cpu%, memory%) / 100)          the bottleneck resource's headroom
 *          * clamp(sqrt(meanServiceTime / serviceTime), 0.5, 2)     slower than its peers: less
 *          * clamp(sqrt(meanClientsPerWeight / clientsPerWeight), 0.5, 2)  busier than its weight: less
 * </pre>
 * where the means are over the pool's eligible members with fresh estimates, service time 0 means
 * "not measured" (factor 1), and clients per weight is {@code (clients + 1) / base weight}. The
 * two correction factors are 1 for an average member and bounded, so CPU and memory dominate.
 * A member without a fresh estimate gets the mean spare of those that have one (or 1 when none
 * has), so it is treated as an average member rather than as idle or as full.
 *
 * <p>Thread safety: stateless.
 */
final class SpareCapacity {
    /** A saturated member still gets a trickle, so its next report can show it recovering. */
    static final double MIN_SPARE = 0.02;

    private SpareCapacity() {
    }

    /**
     * The spare capacity of each member whose {@code eligible} flag is set (others get 0).
     *
     * @param loads the fresh estimate of each member, or null
     * @param base  the base weight of each member
     */
    static double[] of(List<LoadEstimate> loads, int[] base, boolean[] eligible) {
        int n = loads.size();
        double stSum = 0;
        int stCount = 0;
        double cpwSum = 0;
        int fresh = 0;
        for (int i = 0; i < n; i++) {
            LoadEstimate e = loads.get(i);
            if (eligible[i] && e != null) {
                fresh++;
                cpwSum += (e.activeClients() + 1) / base[i];
                if (e.avgServiceTimeMs() > 0) {
                    stSum += e.avgServiceTimeMs();
                    stCount++;
                }
            }
        }
        double meanSt = stCount == 0 ? 0 : stSum / stCount;
        double meanCpw = fresh == 0 ? 0 : cpwSum / fresh;
        double[] spare = new double[n];
        double spareSum = 0;
        for (int i = 0; i < n; i++) {
            LoadEstimate e = loads.get(i);
            if (eligible[i] && e != null) {
                double s = Math.max(MIN_SPARE, 1 - e.bottleneck());
                if (e.avgServiceTimeMs() > 0 && meanSt > 0) {
                    s *= factor(meanSt / e.avgServiceTimeMs());
                }
                s *= factor(meanCpw / ((e.activeClients() + 1) / base[i]));
                spare[i] = s;
                spareSum += s;
            }
        }
        double neutral = fresh == 0 ? 1.0 : spareSum / fresh;
        for (int i = 0; i < n; i++) {
            if (eligible[i] && loads.get(i) == null) {
                spare[i] = neutral;
            }
        }
        return spare;
    }

    private static double factor(double ratio) {
        return Math.clamp(Math.sqrt(ratio), 0.5, 2.0);
    }
}
