package io.flowlb.controller.lb.app;

import io.flowlb.controller.lb.install.InstallerSettings;

/**
 * The LB application's settings ({@code loadBalancer} in the controller configuration).
 *
 * @param installer how VIPs are installed (proactive/reactive, per-connection idle timeout)
 * @param probeIntervalMillis how often unresolved members are asked for by ARP (at most 512 of
 *                            them a round, the next 512 the round after), and routers probed
 *                            for health
 * @param routerDeadAfterProbes router probes without an answer after which a router is failed
 * @param statsIntervalMillis how often group statistics are read for the distribution view
 *                            (0: never)
 *
 * <p>Thread safety: immutable.
 */
public record LoadBalancerSettings(InstallerSettings installer, long probeIntervalMillis, int routerDeadAfterProbes,
                                   long statsIntervalMillis) {
    public static final long DEFAULT_PROBE_INTERVAL_MILLIS = 1_000;
    public static final int DEFAULT_ROUTER_DEAD_AFTER_PROBES = 3;
    public static final long DEFAULT_STATS_INTERVAL_MILLIS = 5_000;
    public static final LoadBalancerSettings DEFAULTS = new LoadBalancerSettings(InstallerSettings.DEFAULTS,
            DEFAULT_PROBE_INTERVAL_MILLIS, DEFAULT_ROUTER_DEAD_AFTER_PROBES, DEFAULT_STATS_INTERVAL_MILLIS);

    public LoadBalancerSettings {
        if (installer == null) {
            throw new IllegalArgumentException("installer settings are required");
        }
        if (probeIntervalMillis < 100) {
            throw new IllegalArgumentException("probeIntervalMillis must be at least 100, got " + probeIntervalMillis);
        }
        if (routerDeadAfterProbes < 1) {
            throw new IllegalArgumentException("routerDeadAfterProbes must be at least 1, got " + routerDeadAfterProbes);
        }
        if (statsIntervalMillis < 0) {
            throw new IllegalArgumentException("statsIntervalMillis must not be negative, got " + statsIntervalMillis);
        }
    }
}
