package io.flowlb.controller.view;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The network as the OpenFlow core sees it, for the REST API, the dashboard and the metrics.
 *
 * <p>Switches are named by their datapath id in the colon form
 * {@code 00:00:00:00:00:00:00:01}; an implementation also accepts the other forms its parser
 * takes. A per-switch method fails its future with {@code NotFoundException} (field
 * {@code dpid}) for a switch that is not connected and with {@code ValidationException} (field
 * {@code dpid}) for text that is not a datapath id; with {@code TimeoutException} when the switch
 * does not answer.
 *
 * <p>Thread safety: callable from any thread; futures may complete on any thread.
 */
public interface NetworkView {

    /** The connected switches, in datapath id order. */
    List<SwitchInfo> switches();

    /** A connected switch, or null. */
    default SwitchInfo getSwitch(String dpid) {
        for (SwitchInfo s : switches()) {
            if (s.dpid().equalsIgnoreCase(dpid)) {
                return s;
            }
        }
        return null;
    }

    /** A switch's ports with their counters (a port statistics request). */
    CompletableFuture<List<PortInfo>> ports(String dpid);

    /** A switch's flow entries with their counters (a flow statistics request). */
    CompletableFuture<List<FlowInfo>> flows(String dpid);

    /** A switch's groups with their buckets and counters. */
    CompletableFuture<List<GroupInfo>> groups(String dpid);

    /** The hosts learned from packets. */
    List<HostInfo> hosts();

    /**
     * A sample of the load-balanced connections the switches hold as flows: the per-connection
     * flows of reactive VIPs. A connection balanced by a SELECT group (proactive mode) has no
     * flow of its own, so OpenFlow cannot list it; the distribution counts it instead.
     */
    CompletableFuture<List<ConnectionInfo>> connections();

    /** OpenFlow messages handled since start, controller-wide, by direction and type ({@code in/packet_in}). */
    Map<String, Long> openFlowMessages();

    /** A connected switch: identity, session, and counters the controller keeps. */
    record SwitchInfo(String dpid, String address, String version, int ports, long flows, long groups,
                      long packetIns, long errors, long connectedAtMillis) {
    }

    /** One port and its counters. */
    record PortInfo(long number, String name, String mac, boolean up, long speedKbps, long rxPackets, long txPackets,
                    long rxBytes, long txBytes, long rxDropped, long txDropped, long errors) {
    }

    /** One flow entry; match and instructions in the ovs-ofctl text form. */
    record FlowInfo(int tableId, int priority, String cookie, String match, String instructions, long packets,
                    long bytes, long durationSeconds, int idleTimeout, int hardTimeout) {
    }

    /** One group; buckets in the ovs-ofctl text form. */
    record GroupInfo(long groupId, String type, List<String> buckets, long packets, long bytes) {
        public GroupInfo {
            buckets = List.copyOf(buckets);
        }
    }

    /** A learned host. */
    record HostInfo(String mac, int vlan, String dpid, long port, List<String> ips, long lastSeenMillis) {
        public HostInfo {
            ips = List.copyOf(ips);
        }
    }

    /**
     * One load-balanced connection as a switch holds it: endpoints as {@code address:port}, the
     * member by its id (by its address and port, or its MAC, when no configured member matches),
     * and how long the switch has held the connection's flow.
     */
    record ConnectionInfo(String dpid, String protocol, String client, String vip, String member, long packets,
                          long bytes, long ageMillis) {
    }
}
