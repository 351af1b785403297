package io.flowlb.controller.resource;

import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.MemberId;

/**
 * Told what the resource manager learns about members: health verdicts after rise/fall, agent
 * replies, agents that cannot be reached. Called on the LB control thread ({@code lb-control}),
 * in the order the results arrived; must not block.
 */
public interface ResourceListener {

    /** A member's health, over all its pool's monitors, changed (UNKNOWN when its checks stop). */
    void healthChanged(MemberId member, Health health);

    /**
     * A member's agent answered with a well-formed agent-check line (see
     * {@link io.flowlb.loadbalancer.distribution.AgentCheckState#apply(String)}).
     */
    void agentReplied(MemberId member, String reply);

    /**
     * A member's agent could not be reached (refused, timed out) or answered nothing usable. The
     * last state it set stays in force, as in HAProxy: connectivity is the health checks' job.
     */
    void agentUnreachable(MemberId member, String why);
}
