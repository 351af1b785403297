/**
 * The packet filter (WO 00/30294, packet filter module 74 and its Fig. 6): frame in, verdict out.
 *
 * <p>{@link io.flowlb.loadbalancer.filter.PacketFilter} parses a frame with the packet views,
 * finds its service in the active {@link io.flowlb.loadbalancer.select.ConfigSnapshot}, picks or
 * finds the member with the {@link io.flowlb.loadbalancer.select.Selector} over the owner's
 * {@link io.flowlb.loadbalancer.table.ConnectionTable}, and rewrites the frame in place (DSR: the
 * destination MAC; NAT: MAC, address and port, and the reverse for the members' answers). It
 * answers ARP and neighbor solicitations for VIPs, pings to VIPs without an ICMP service, and
 * refuses unserved TCP ports and strict-policy strays with a reset, writing those answers into a
 * buffer the caller gives. Every frame gets a {@link io.flowlb.loadbalancer.filter.Verdict} and a
 * {@link io.flowlb.loadbalancer.filter.FilterReason}, both counted.
 *
 * <p>{@link io.flowlb.loadbalancer.filter.ServiceTables} compiles the model (VIPs, pools, members)
 * and the master module's weights into the services of a snapshot: the controller's reactive mode
 * runs the filter over it.
 *
 * <p>Thread safety: a filter, its result object and its connection table belong to one thread (a
 * poller, the controller's packet-in thread); snapshots are immutable and shared; counters are
 * readable from any thread.
 */
package io.flowlb.loadbalancer.filter;
