/**
 * The load agent that runs on each back-end server and reports its raw load.
 *
 * <p>Design: the agent is a small JDK-only program. One reporter thread owns every reading:
 * each interval it samples CPU ({@code /proc/stat} or the process's cgroup), memory
 * ({@code /proc/meminfo}), established connections on the service port ({@code /proc/net/tcp}
 * and {@code tcp6}) and, when configured, the service's own statistics (a file or a local
 * status URL), publishes an immutable {@link io.flowlb.agent.LoadReading} and pushes it to the
 * controller as one JSON object ({@link io.flowlb.agent.ReportJson}). The agent-check server
 * ({@link io.flowlb.agent.AgentCheckServer}) answers the HAProxy agent-check protocol from the
 * last published reading and the operator's state file, which it reads on every connection so
 * that a change to {@code drain} takes effect at once.
 *
 * <p>Bad input (junk lines in a statistics file, a controller that refuses reports, an
 * unreadable {@code /proc} file) is counted and logged once per kind; it never stops the agent.
 */
package io.flowlb.agent;
