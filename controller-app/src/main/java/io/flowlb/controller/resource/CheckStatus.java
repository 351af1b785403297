package io.flowlb.controller.resource;

import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;

/**
 * One monitor's view of one member, for the REST API and the dashboard: the rise/fall verdict
 * and the last probe.
 *
 * @param port the TCP port probed (0 for ICMP, or when no port could be determined)
 * @param lastOutcome the last probe's outcome, or null before the first
 * @param lastAtMillis when the last probe ended (controller clock), 0 before the first
 *
 * <p>Thread safety: immutable.
 */
public record CheckStatus(MonitorId monitorId, MonitorType type, int port, Health health, int successes,
                          int failures, ProbeResult.Outcome lastOutcome, String lastDetail, long lastLatencyMillis,
                          long lastAtMillis) {
}
