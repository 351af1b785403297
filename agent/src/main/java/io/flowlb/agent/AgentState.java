package io.flowlb.agent;

import java.util.Locale;

/**
 * What the operator says about this server, written as one word in the state file (as HAProxy
 * administrators do with agent checks). Each state is complete: it gives both the operational
 * word ({@code up}/{@code down}) and the administrative word ({@code ready}/{@code drain}/
 * {@code maint}) of the HAProxy agent-check protocol, so every answer stands on its own and a
 * poller that missed earlier answers, or restarted, still ends in the right state.
 */
enum AgentState {
    /** Serving normally: {@code up ready}. The words {@code ready} and {@code up} both mean this. */
    READY("ready", "up ready"),
    /** Keeps existing connections, takes no new ones: {@code up drain}. */
    DRAIN("drain", "up drain"),
    /** Out of service for maintenance: {@code up maint}. */
    MAINT("maint", "up maint"),
    /** Declared failed by the operator: {@code down ready}. Also written {@code fail} or {@code stopped}. */
    DOWN("down", "down ready");

    private final String reportName;
    private final String agentCheckWords;

    AgentState(String reportName, String agentCheckWords) {
        this.reportName = reportName;
        this.agentCheckWords = agentCheckWords;
    }

    /** The value of {@code agent_state} in reports. */
    String reportName() {
        return reportName;
    }

    /** The operational and administrative words of the agent-check answer. */
    String agentCheckWords() {
        return agentCheckWords;
    }

    /** The state a word names (case-insensitive), or null when it names none. */
    static AgentState parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "ready", "up" -> READY;
            case "drain" -> DRAIN;
            case "maint" -> MAINT;
            case "down", "fail", "stopped" -> DOWN;
            default -> null;
        };
    }
}
