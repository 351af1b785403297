package io.flowlb.controller.lb.install;

import io.flowlb.loadbalancer.model.VipId;
import java.util.Set;

/**
 * How the load balancer installs VIPs.
 *
 * @param reactiveAll every VIP reactive on every switch ({@code loadBalancer.installer:
 *                    "reactive"}); otherwise proactive where the switch has groups
 * @param reactiveVips VIPs that are reactive everywhere ({@code loadBalancer.reactiveVips})
 * @param connectionIdleSeconds idle timeout of the reactive installer's per-connection flows
 * @param flowSettleMillis on a switch whose datapath cache lags flow changes (Open vSwitch), how
 *                         long the first packet of a connection waits, after the switch confirmed
 *                         its new flows, when those flows move the tuple of an earlier connection
 *                         to another member ({@code loadBalancer.flowSettleMillis})
 *
 * <p>Thread safety: immutable.
 */
public record InstallerSettings(boolean reactiveAll, Set<VipId> reactiveVips, int connectionIdleSeconds,
                                int flowSettleMillis) {
    public static final int DEFAULT_CONNECTION_IDLE_SECONDS = 60;
    /**
     * Open vSwitch 3.1's userspace datapath applied a replaced 5-tuple flow's old actions for up to
     * 9 ms after its barrier reply (in 17 of 400 replacements, 2-core machine at load 5, probes
     * every 0.1 ms); 25 ms covers that with margin and delays only the SYNs of moved tuples.
     */
    public static final int DEFAULT_FLOW_SETTLE_MILLIS = 25;
    public static final InstallerSettings DEFAULTS = new InstallerSettings(false, Set.of(),
            DEFAULT_CONNECTION_IDLE_SECONDS, DEFAULT_FLOW_SETTLE_MILLIS);

    public InstallerSettings {
        reactiveVips = Set.copyOf(reactiveVips);
        if (connectionIdleSeconds < 1 || connectionIdleSeconds > 65_535) {
            throw new IllegalArgumentException("connectionIdleSeconds must be 1..65535, got " + connectionIdleSeconds);
        }
        if (flowSettleMillis < 0 || flowSettleMillis > 1000) {
            throw new IllegalArgumentException("flowSettleMillis must be 0..1000, got " + flowSettleMillis);
        }
    }
}
