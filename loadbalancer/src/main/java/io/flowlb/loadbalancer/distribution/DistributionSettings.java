package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.Fields;

/**
 * The tunables of the master module, all with documented defaults ({@link #DEFAULTS}).
 *
 * <ul>
 *   <li>{@code report_interval_ms} (default {@value #DEFAULT_REPORT_INTERVAL_MS}): how often
 *       agents report.</li>
 *   <li>{@code stale_after_reports} (default {@value #DEFAULT_STALE_AFTER_REPORTS}): a load
 *       estimate whose last report is older than this many intervals is ignored; the member is
 *       then weighted as an average member.</li>
 *   <li>{@code smoothing} (default {@value #DEFAULT_SMOOTHING}): the EWMA weight of a new report.
 *       After two reports of a new level the estimate has moved {@code 1 - (1 - a)^2} = 84% of
 *       the way, which is what lets a member jumping from 20% to 90% CPU lose more than half its
 *       share within two report intervals while single noisy reports move it by only 60% of
 *       their deviation.</li>
 *   <li>{@code hysteresis_relative} (default {@value #DEFAULT_HYSTERESIS_RELATIVE}) and
 *       {@code hysteresis_absolute} (default {@value #DEFAULT_HYSTERESIS_ABSOLUTE}): new measured
 *       weights are published only when some member's share of new connections moves by more
 *       than {@code max(relative * old share, absolute)}; see {@link Hysteresis}. With the default
 *       smoothing, agents whose CPU readings jitter by +-5 points around 40% utilisation never
 *       move the weights, while a member whose load really changes is re-weighted on the next
 *       step. The busier the members, the larger the same jitter is relative to their spare
 *       capacity: pools that run above ~60% may want a higher {@code hysteresis_relative}.</li>
 * </ul>
 *
 * <p>Thread safety: immutable.
 */
public record DistributionSettings(long reportIntervalMs, int staleAfterReports, double smoothing,
                                   double hysteresisRelative, double hysteresisAbsolute) {
    public static final long DEFAULT_REPORT_INTERVAL_MS = 2_000;
    public static final int DEFAULT_STALE_AFTER_REPORTS = 3;
    public static final double DEFAULT_SMOOTHING = 0.6;
    public static final double DEFAULT_HYSTERESIS_RELATIVE = 0.20;
    public static final double DEFAULT_HYSTERESIS_ABSOLUTE = 0.005;

    public static final DistributionSettings DEFAULTS = new DistributionSettings(DEFAULT_REPORT_INTERVAL_MS,
            DEFAULT_STALE_AFTER_REPORTS, DEFAULT_SMOOTHING, DEFAULT_HYSTERESIS_RELATIVE, DEFAULT_HYSTERESIS_ABSOLUTE);

    public DistributionSettings {
        Fields.range("report_interval_ms", reportIntervalMs, 100L, 3_600_000L);
        Fields.range("stale_after_reports", staleAfterReports, 1, 100);
        Fields.range("smoothing", smoothing, 0.01, 1.0);
        Fields.range("hysteresis_relative", hysteresisRelative, 0.0, 1.0);
        Fields.range("hysteresis_absolute", hysteresisAbsolute, 0.0, 1.0);
    }

    /** How old a load estimate may be before it is ignored. */
    public long staleAfterMs() {
        return reportIntervalMs * staleAfterReports;
    }

    public Hysteresis hysteresis() {
        return new Hysteresis(hysteresisRelative, hysteresisAbsolute);
    }
}
