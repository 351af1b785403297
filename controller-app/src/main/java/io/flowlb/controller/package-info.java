/**
 * The flowlb controller: OpenFlow sessions, topology, L2 forwarding, and (added on the same
 * services) the load-balancer application, the resource manager, the pseudo-interface and the
 * REST API.
 *
 * <p>{@link io.flowlb.controller.ControllerMain} is {@code ./flowlb controller};
 * {@link io.flowlb.controller.Controller} is the composition root that builds every service once
 * and wires them by constructor injection, in the order listeners must exist before switches
 * connect.
 *
 * <p>Packages: {@code core} (event thread, fault accounting, threading rules), {@code openflow}
 * (server, sessions, {@code SwitchService}), {@code packet} ({@code PacketService}, processor
 * bands), {@code topology} (links, {@code TopologyService}, {@code HostService}), {@code fwd}
 * (L2 forwarding), {@code config}.
 *
 * <p>Threading: see {@link io.flowlb.controller.core}: Netty event loops own sessions, one event
 * thread owns network state, the LB control loop (later) owns LB state and is fed by a queue.
 */
package io.flowlb.controller;
