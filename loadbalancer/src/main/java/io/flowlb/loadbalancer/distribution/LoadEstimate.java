package io.flowlb.loadbalancer.distribution;

/**
 * A member's load smoothed over its reports by an exponentially weighted moving average:
 * {@code x' = a * report + (1 - a) * x}, with {@code a} = {@link DistributionSettings#smoothing()}.
 *
 * <p>A report older than the last one is ignored (reports can cross on the network). A report
 * that arrives after a silence longer than the staleness bound starts afresh instead of being
 * averaged with what the member looked like long ago.
 *
 * <p>Thread safety: immutable.
 */
public record LoadEstimate(double cpuPercent, double memoryPercent, double avgServiceTimeMs, double activeClients,
                           double requestsPerSecond, long lastReportAtMillis, int reports) {

    /** The estimate after a first report: the report itself. */
    public static LoadEstimate of(LoadReport r) {
        return new LoadEstimate(r.cpuPercent(), r.memoryPercent(), r.avgServiceTimeMs(), r.activeClients(),
                r.requestsPerSecond(), r.receivedAtMillis(), 1);
    }

    /** Folds {@code r} into a possibly absent estimate. */
    public static LoadEstimate update(LoadEstimate previous, LoadReport r, DistributionSettings s) {
        if (previous == null || r.receivedAtMillis() - previous.lastReportAtMillis > s.staleAfterMs()) {
            return of(r);
        }
        if (r.receivedAtMillis() < previous.lastReportAtMillis) {
            return previous;
        }
        double a = s.smoothing();
        return new LoadEstimate(mix(a, r.cpuPercent(), previous.cpuPercent),
                mix(a, r.memoryPercent(), previous.memoryPercent),
                mix(a, r.avgServiceTimeMs(), previous.avgServiceTimeMs),
                mix(a, r.activeClients(), previous.activeClients),
                mix(a, r.requestsPerSecond(), previous.requestsPerSecond),
                r.receivedAtMillis(), previous.reports == Integer.MAX_VALUE ? previous.reports : previous.reports + 1);
    }

    /** True when the last report is no older than {@code staleAfterMs} at {@code nowMillis}. */
    public boolean isFresh(long nowMillis, long staleAfterMs) {
        return nowMillis - lastReportAtMillis <= staleAfterMs;
    }

    /** Utilisation of the busier of CPU and memory, 0 to 1: the resource that limits the member. */
    public double bottleneck() {
        return Math.max(cpuPercent, memoryPercent) / 100.0;
    }

    private static double mix(double a, double sample, double old) {
        return a * sample + (1 - a) * old;
    }
}
