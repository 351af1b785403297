package io.flowlb.controller.resource;

/**
 * What the controller knows of a member's agent-check port, for the REST API and the dashboard.
 *
 * @param port the agent port polled
 * @param reachable whether the last poll got a usable line
 * @param lastReply the last well-formed line, or null
 * @param lastProblem why the last poll failed, or null when it succeeded
 * @param lastAtMillis when the last poll ended (controller clock), 0 before the first
 *
 * <p>Thread safety: immutable.
 */
public record AgentStatus(int port, boolean reachable, String lastReply, String lastProblem, long lastAtMillis) {
}
