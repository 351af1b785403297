package io.flowlb.controller.lb.agent;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MemberId;

/**
 * The body of {@code POST /api/v1/agents/report}, as the agent sends it; every field may be left
 * out except that a report without {@code member_id} needs {@code address} and {@code port}.
 *
 * <pre>{@code
 * {"member_id": "web-1", "address": "10.0.0.1", "port": 80, "active_clients": 12,
 *  "cpu_percent": 35.5, "memory_percent": 40.1, "avg_service_time_ms": 3.2,
 *  "requests_per_second": 150.0, "agent_state": "ready", "sequence": 17,
 *  "sent_at": "2026-11-23T05:00:00.250Z"}
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public record AgentReportJson(MemberId memberId, IpAddress address, Integer port, Long activeClients,
                              Double cpuPercent, Double memoryPercent, Double avgServiceTimeMs,
                              Double requestsPerSecond, String agentState, Long sequence, String sentAt) {
}
