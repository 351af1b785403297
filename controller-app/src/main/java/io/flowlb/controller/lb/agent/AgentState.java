package io.flowlb.controller.lb.agent;

import io.flowlb.loadbalancer.model.Fields;

/**
 * What the operator of a back-end server declared through its agent ({@code agent_state}).
 *
 * <p>Thread safety: immutable.
 */
public enum AgentState {
    /** Serving normally. The default when a report leaves the field out. */
    READY("up ready"),
    /** Keep existing connections, take no new ones. */
    DRAIN("up drain"),
    /** Out of service for maintenance. */
    MAINT("up maint"),
    /** Declared failed. */
    DOWN("down ready");

    private final String agentCheckWords;

    AgentState(String agentCheckWords) {
        this.agentCheckWords = agentCheckWords;
    }

    /**
     * The same state in HAProxy's agent-check words, for
     * {@link io.flowlb.loadbalancer.distribution.AgentCheckState#apply(String)}.
     */
    public String agentCheckWords() {
        return agentCheckWords;
    }

    public static AgentState parse(String field, String text) {
        return Fields.parseEnum(AgentState.class, field, text);
    }
}
