/**
 * What the network looks like: links between switches (LLDP), the switch graph with shortest
 * paths and a spanning tree for flooding, and the end hosts attached to edge ports.
 *
 * <p>{@link io.flowlb.controller.topology.LinkDiscovery} probes every port with LLDP and reports
 * links to the {@link io.flowlb.controller.topology.TopologyManager}, which publishes immutable
 * {@link io.flowlb.controller.topology.Topology} snapshots (BFS paths, spanning tree,
 * infrastructure vs edge ports) and decides the safe flood ports.
 * {@link io.flowlb.controller.topology.HostManager} learns MAC, IPv4/IPv6 and location from
 * ARP, Neighbor Discovery and IP packet-ins on edge ports, with moves and expiry.
 *
 * <p>Threading: all three are written only on the controller's event thread (as packet
 * processors, switch listeners, link/topology listeners and timers), so they need no locks.
 * Other threads (REST, the LB control loop) read published snapshots: the topology is one
 * volatile immutable object, hosts are immutable records in concurrent maps.
 */
package io.flowlb.controller.topology;
