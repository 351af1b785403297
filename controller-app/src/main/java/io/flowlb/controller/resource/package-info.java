/**
 * The resource manager (WO 00/30294 item 52): what the controller learns about each back-end
 * server by itself, as opposed to what agents push to it.
 *
 * <ul>
 *   <li><b>Active health checks</b> ({@link io.flowlb.controller.resource.HealthChecker}): ICMP
 *       echo, TCP connect, HTTP GET with expected status ranges; per member per monitor of its
 *       pool; interval with jitter, timeout, rise and fall. A refused connection fails at once,
 *       so a stopped service is noticed within {@code fall} intervals.</li>
 *   <li><b>Agent checks</b> ({@link io.flowlb.controller.resource.AgentCheckPoller}): the HAProxy
 *       agent-check text protocol on each member's {@code agent_port}.</li>
 * </ul>
 *
 * <p>Design notes:
 * <ul>
 *   <li>Probes use ordinary sockets of the controller host
 *       ({@link io.flowlb.controller.resource.SocketProber}). In a Mininet lab the host reaches the
 *       servers through the pseudo-interface, so the probes travel through the data plane as
 *       PACKET_OUT and their answers as PACKET_IN; in a lab with a management route they go
 *       directly. {@code resource.sourceAddress} binds them to one address (the control VIP).
 *       ICMP uses an unprivileged ping socket where {@code net.ipv4.ping_group_range} allows it,
 *       else a raw socket ({@code CAP_NET_RAW}), both through {@code java.lang.foreign}; without
 *       either, ICMP checks are unavailable and leave health alone (logged once).
 *       {@code InetAddress.isReachable} is not used: without privilege it silently falls back to a
 *       TCP connection to port 7 and counts a refusal as success.</li>
 *   <li>Timers and results run on the LB control thread; each probe blocks a virtual thread for
 *       at most its timeout. ICMP probes wait on a future completed by one receiving thread.</li>
 *   <li>Timing budget: a monitor with interval 500 ms, timeout 300 ms and fall 2 notices a
 *       killed server process within about 1.1 s (two refused connections, 10% jitter), which
 *       leaves the master module and the switches most of the 2 s the acceptance tests allow.
 *       The model's default monitor (5 s, fall 3) is for production calm, not for that test.</li>
 * </ul>
 *
 * <p>Thread safety: see each class; state is owned by the control thread.
 */
package io.flowlb.controller.resource;
