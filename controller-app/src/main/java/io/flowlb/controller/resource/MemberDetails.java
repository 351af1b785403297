package io.flowlb.controller.resource;

import io.flowlb.loadbalancer.model.MemberId;
import java.util.List;

/**
 * The resource manager's per-member detail for views: what each monitor concluded and what the
 * agent-check port said. Read on the control thread (the master module copies it into its
 * published snapshot).
 */
public interface MemberDetails {
    /** Each monitor's view of the member; empty when its pool has no monitor. */
    List<CheckStatus> checks(MemberId member);

    /** The member's agent-check status, or null when it has no agent port. */
    AgentStatus agentStatus(MemberId member);

    /** No checks, no agent ports. */
    MemberDetails NONE = new MemberDetails() {
        @Override
        public List<CheckStatus> checks(MemberId member) {
            return List.of();
        }

        @Override
        public AgentStatus agentStatus(MemberId member) {
            return null;
        }
    };
}
