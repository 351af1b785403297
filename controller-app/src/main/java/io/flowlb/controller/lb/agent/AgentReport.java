package io.flowlb.controller.lb.agent;

import io.flowlb.loadbalancer.distribution.LoadReport;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MemberId;
import java.time.Instant;

/**
 * The last report an agent sent about one member, as accepted: readings the agent could not take
 * are null.
 *
 * @param memberId the member it was mapped to
 * @param address the server address the agent gave, or the member's when it gave none
 * @param port the service port the agent gave, or the member's
 * @param sequence the agent's report counter (1 after the agent starts), 0 when not given
 * @param sentAt when the agent built the report, or null when not given
 * @param receivedAt when the controller accepted it
 * @param source the address the report came from
 *
 * <p>Thread safety: immutable.
 */
public record AgentReport(MemberId memberId, IpAddress address, int port, Long activeClients, Double cpuPercent,
                          Double memoryPercent, Double avgServiceTimeMs, Double requestsPerSecond,
                          AgentState agentState, long sequence, Instant sentAt, Instant receivedAt, String source) {

    /**
     * The report as the master module's {@link LoadReport}; a reading left out counts as 0 (no
     * clients, idle, not measured).
     */
    public LoadReport toLoadReport() {
        return new LoadReport(memberId, (int) Math.min(Integer.MAX_VALUE, orZero(activeClients)), orZero(cpuPercent),
                orZero(memoryPercent), orZero(avgServiceTimeMs), orZero(requestsPerSecond), receivedAt.toEpochMilli());
    }

    AgentReport forMember(MemberId id) {
        return new AgentReport(id, address, port, activeClients, cpuPercent, memoryPercent, avgServiceTimeMs,
                requestsPerSecond, agentState, sequence, sentAt, receivedAt, source);
    }

    private static double orZero(Number n) {
        return n == null ? 0 : n.doubleValue();
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }
}
