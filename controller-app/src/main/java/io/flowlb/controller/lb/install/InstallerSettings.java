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
 *
 * <p>Thread safety: immutable.
 */
public record InstallerSettings(boolean reactiveAll, Set<VipId> reactiveVips, int connectionIdleSeconds) {
    public static final int DEFAULT_CONNECTION_IDLE_SECONDS = 60;
    public static final InstallerSettings DEFAULTS = new InstallerSettings(false, Set.of(),
            DEFAULT_CONNECTION_IDLE_SECONDS);

    public InstallerSettings {
        reactiveVips = Set.copyOf(reactiveVips);
        if (connectionIdleSeconds < 1 || connectionIdleSeconds > 65_535) {
            throw new IllegalArgumentException("connectionIdleSeconds must be 1..65535, got " + connectionIdleSeconds);
        }
    }
}
