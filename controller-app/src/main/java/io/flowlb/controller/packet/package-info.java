/**
 * Packets the switches send to the controller (PACKET_IN) and frames the controller sends
 * through them (PACKET_OUT).
 *
 * <p>{@link io.flowlb.controller.packet.PacketService} (implemented by
 * {@link io.flowlb.controller.packet.PacketManager}) runs {@link io.flowlb.controller.packet.PacketProcessor}s
 * in the priority bands of {@link io.flowlb.controller.packet.PacketPriority}: advisors (link
 * discovery, LB control traffic, host learning), then directors (load balancer, L2 forwarding),
 * then observers. Each PACKET_IN becomes a {@link io.flowlb.controller.packet.PacketContext}
 * holding the frame parsed by the core's {@code io.flowlb.loadbalancer.packet.PacketView}; a processor that sends or blocks the packet marks it handled.
 *
 * <p>Threading: processors run on the controller's event thread, one packet at a time, and
 * must not block: a processor with slow work hands it to its own executor (or, for LB state,
 * posts a command to the LB control loop). Netty event loops never run processors: the switch
 * manager queues PACKET_INs for the event thread in bursts, bounded, dropping and counting beyond
 * the bound (and while a switch does not read its answers). The PACKET_OUTs and flows processors
 * send during a burst leave with one flush per switch at its end. A processor that throws is
 * logged once per kind with its name, counted and skipped.
 */
package io.flowlb.controller.packet;
