/**
 * L2 forwarding: makes a lab with Open vSwitch or flow-switch work without configuration.
 *
 * <p>{@link io.flowlb.controller.fwd.L2Policy} is the functional core (packet facts, topology
 * and host in, a {@link io.flowlb.controller.fwd.Forwarding} decision out);
 * {@link io.flowlb.controller.fwd.L2Forwarding} is the shell that turns decisions into
 * per-destination flows along the shortest path (idle timeout, cookie
 * {@link io.flowlb.controller.openflow.AppCookie#L2_FORWARDING}) plus a PACKET_OUT of the first
 * packet, floods unknown and broadcast destinations along the spanning tree, and deletes flows
 * when a host moves or a link goes away. On switches with the two-table layout
 * ({@link io.flowlb.controller.openflow.TableLayout}) its flows live in table 1, behind the
 * classifier table that holds control and load-balancer flows. It is the last director
 * ({@link io.flowlb.controller.packet.PacketPriority#L2_FORWARDING}), so the load balancer's
 * processors always see a packet first. Disabled with {@code --no-l2} or {@code l2.enabled}.
 *
 * <p>Threading: runs on the event thread only.
 */
package io.flowlb.controller.fwd;
