package io.flowlb.controller.resource;

import java.net.InetAddress;

/**
 * The resource manager's settings ({@code resource} in the controller configuration).
 *
 * @param sourceAddress the local address health checks and agent polls are sent from (the
 *                      control VIP, say), or null for the kernel's choice
 * @param jitterPercent how much each check interval varies either way, in percent (0-50), so that
 *                      the checks of many members do not align
 * @param agentCheckIntervalMillis how often a member's agent-check port is polled (default: the
 *                                 agents' report interval, 2 s)
 * @param agentCheckTimeoutMillis how long a poll may take to connect and read its line
 *
 * <p>Thread safety: immutable.
 */
public record ResourceSettings(InetAddress sourceAddress, int jitterPercent, long agentCheckIntervalMillis,
                               long agentCheckTimeoutMillis) {
    public static final int DEFAULT_JITTER_PERCENT = 10;
    public static final long DEFAULT_AGENT_CHECK_INTERVAL_MILLIS = 2_000;
    public static final long DEFAULT_AGENT_CHECK_TIMEOUT_MILLIS = 1_000;
    public static final ResourceSettings DEFAULTS = new ResourceSettings(null, DEFAULT_JITTER_PERCENT,
            DEFAULT_AGENT_CHECK_INTERVAL_MILLIS, DEFAULT_AGENT_CHECK_TIMEOUT_MILLIS);

    public ResourceSettings {
        if (jitterPercent < 0 || jitterPercent > 50) {
            throw new IllegalArgumentException("jitterPercent must be 0 to 50, not " + jitterPercent);
        }
        if (agentCheckTimeoutMillis < 10 || agentCheckTimeoutMillis >= agentCheckIntervalMillis) {
            throw new IllegalArgumentException("the agent-check timeout (" + agentCheckTimeoutMillis
                    + " ms) must be at least 10 ms and shorter than its interval (" + agentCheckIntervalMillis + " ms)");
        }
    }

    public double jitter() {
        return jitterPercent / 100.0;
    }
}
