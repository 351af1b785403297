package io.flowlb.controller.master;

import io.flowlb.controller.resource.AgentStatus;
import io.flowlb.controller.resource.CheckStatus;
import io.flowlb.loadbalancer.distribution.AgentCheckState;
import io.flowlb.loadbalancer.distribution.ClusterRole;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.distribution.LoadEstimate;
import io.flowlb.loadbalancer.model.MemberId;
import java.util.List;

/**
 * What the master module knows and decided about one member at one moment.
 *
 * @param health its health over its monitors
 * @param checks each monitor's view (empty without monitors)
 * @param weight the published effective weight (what the switches use; 0 = no new connections)
 * @param baseWeight configured weight times the agent's percentage
 * @param alive whether its existing connections stay (published)
 * @param acceptsNew whether it takes new connections (published)
 * @param share its published share of the pool's new connections, 0 to 1
 * @param role its availability-cluster role, or null in an active-all pool
 * @param agent the agent-check state in force (from polls and the reports' {@code agent_state})
 * @param agentCheck the agent-check port's status, or null without one
 * @param load the smoothed load from agent reports, or null before the first report
 * @param loadFresh whether {@code load} is recent enough to be used (else the member is weighted
 *                  as an average one)
 * @param activeConnections the last count of its connections (agent report or LB application)
 *
 * <p>Thread safety: immutable.
 */
public record MemberStatus(MemberId memberId, Health health, List<CheckStatus> checks, int weight, int baseWeight,
                           boolean alive, boolean acceptsNew, double share, ClusterRole role, AgentCheckState agent,
                           AgentStatus agentCheck, LoadEstimate load, boolean loadFresh, int activeConnections) {
    public MemberStatus {
        checks = List.copyOf(checks);
    }
}
