package io.flowlb.controller.view;

import io.flowlb.controller.metrics.Collector;
import io.flowlb.controller.metrics.MetricFamily;
import io.flowlb.controller.metrics.MetricType;
import io.flowlb.controller.metrics.Sample;
import io.flowlb.loadbalancer.distribution.Health;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics read from the views at scrape time: per member, VIP and pool the weights, shares,
 * health, connections and traffic of {@link DistributionView}; per switch the flows, groups,
 * ports, packet-ins and errors of {@link NetworkView}; OpenFlow messages by direction and type.
 *
 * <p>Thread safety: stateless; safe to scrape from any thread.
 */
public final class ViewMetrics implements Collector {
    private static final List<String> MEMBER = List.of("vip", "pool", "member");
    private static final List<String> MEMBER_DIR = List.of("vip", "pool", "member", "direction");

    private final DistributionView distribution;
    private final NetworkView network;

    public ViewMetrics(DistributionView distribution, NetworkView network) {
        this.distribution = distribution;
        this.network = network;
    }

    @Override
    public List<MetricFamily> collect() {
        List<MetricFamily> out = new ArrayList<>();
        distributionFamilies(distribution.distributions(), out);
        switchFamilies(network.switches(), out);
        out.add(family("flowlb_hosts", "Hosts learned from packets.", MetricType.GAUGE, List.of(),
                List.of(Sample.of(network.hosts().size()))));
        List<Sample> messages = new ArrayList<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(network.openFlowMessages()).entrySet()) {
            int slash = e.getKey().indexOf('/');
            messages.add(slash < 0 ? Sample.of(e.getValue(), "", e.getKey())
                    : Sample.of(e.getValue(), e.getKey().substring(0, slash), e.getKey().substring(slash + 1)));
        }
        out.add(family("flowlb_openflow_messages_total", "OpenFlow messages handled, by direction and type.",
                MetricType.COUNTER, List.of("direction", "type"), messages));
        return out;
    }

    private static void distributionFamilies(List<VipDistribution> vips, List<MetricFamily> out) {
        List<Sample> weight = new ArrayList<>();
        List<Sample> share = new ArrayList<>();
        List<Sample> health = new ArrayList<>();
        List<Sample> active = new ArrayList<>();
        List<Sample> total = new ArrayList<>();
        List<Sample> packets = new ArrayList<>();
        List<Sample> bytes = new ArrayList<>();
        List<Sample> vipActive = new ArrayList<>();
        List<Sample> vipBytes = new ArrayList<>();
        Map<String, int[]> pools = new LinkedHashMap<>();
        for (VipDistribution v : vips) {
            String vip = v.vipId().toString();
            String pool = v.poolId() == null ? "" : v.poolId().toString();
            vipActive.add(Sample.of(v.activeConnections(), vip, pool));
            vipBytes.add(Sample.of(v.bytesIn(), vip, pool, "in"));
            vipBytes.add(Sample.of(v.bytesOut(), vip, pool, "out"));
            int[] counts = v.poolId() == null ? new int[2] : pools.computeIfAbsent(pool, k -> new int[2]);
            boolean firstVipOfPool = counts[0] == 0 && counts[1] == 0;
            for (MemberDistribution m : v.members()) {
                String member = m.memberId().toString();
                weight.add(Sample.of(m.weight(), vip, pool, member));
                share.add(Sample.of(m.share(), vip, pool, member));
                int up = m.health() == Health.UP ? 1 : m.health() == Health.DOWN ? 0 : -1;
                health.add(Sample.of(up, vip, pool, member));
                active.add(Sample.of(m.activeConnections(), vip, pool, member));
                total.add(Sample.of(m.totalConnections(), vip, pool, member));
                packets.add(Sample.of(m.packetsIn(), vip, pool, member, "in"));
                packets.add(Sample.of(m.packetsOut(), vip, pool, member, "out"));
                bytes.add(Sample.of(m.bytesIn(), vip, pool, member, "in"));
                bytes.add(Sample.of(m.bytesOut(), vip, pool, member, "out"));
                if (firstVipOfPool) {
                    counts[0]++;
                    counts[1] += m.alive() ? 1 : 0;
                }
            }
        }
        out.add(family("flowlb_member_weight", "Effective weight of a member for new connections of a VIP.",
                MetricType.GAUGE, MEMBER, weight));
        out.add(family("flowlb_member_share", "Fraction of a VIP's new connections a member gets (0-1).",
                MetricType.GAUGE, MEMBER, share));
        out.add(family("flowlb_member_health", "Member health by its monitors: 1 up, 0 down, -1 unknown.",
                MetricType.GAUGE, MEMBER, health));
        out.add(family("flowlb_member_active_connections", "Connections the switches hold for a member.",
                MetricType.GAUGE, MEMBER, active));
        out.add(family("flowlb_member_connections_total", "Connections sent to a member since start.",
                MetricType.COUNTER, MEMBER, total));
        out.add(family("flowlb_member_packets_total", "Packets to (in) and from (out) a member through the switches.",
                MetricType.COUNTER, MEMBER_DIR, packets));
        out.add(family("flowlb_member_bytes_total", "Bytes to (in) and from (out) a member through the switches.",
                MetricType.COUNTER, MEMBER_DIR, bytes));
        out.add(family("flowlb_vip_active_connections", "Connections the switches hold for a VIP.", MetricType.GAUGE,
                List.of("vip", "pool"), vipActive));
        out.add(family("flowlb_vip_bytes_total", "Bytes to (in) and from (out) a VIP's members.", MetricType.COUNTER,
                List.of("vip", "pool", "direction"), vipBytes));
        List<Sample> poolMembers = new ArrayList<>();
        List<Sample> poolAlive = new ArrayList<>();
        for (Map.Entry<String, int[]> e : pools.entrySet()) {
            poolMembers.add(Sample.of(e.getValue()[0], e.getKey()));
            poolAlive.add(Sample.of(e.getValue()[1], e.getKey()));
        }
        out.add(family("flowlb_pool_members", "Members of a pool that serves a VIP.", MetricType.GAUGE,
                List.of("pool"), poolMembers));
        out.add(family("flowlb_pool_members_alive", "Members of a pool whose connections stay (not down or maint).",
                MetricType.GAUGE, List.of("pool"), poolAlive));
    }

    private static void switchFamilies(List<NetworkView.SwitchInfo> switches, List<MetricFamily> out) {
        List<Sample> flows = new ArrayList<>();
        List<Sample> groups = new ArrayList<>();
        List<Sample> ports = new ArrayList<>();
        List<Sample> packetIns = new ArrayList<>();
        List<Sample> errors = new ArrayList<>();
        for (NetworkView.SwitchInfo s : switches) {
            flows.add(Sample.of(s.flows(), s.dpid()));
            groups.add(Sample.of(s.groups(), s.dpid()));
            ports.add(Sample.of(s.ports(), s.dpid()));
            packetIns.add(Sample.of(s.packetIns(), s.dpid()));
            errors.add(Sample.of(s.errors(), s.dpid()));
        }
        List<String> dpid = List.of("dpid");
        out.add(family("flowlb_switches_connected", "Switches with an OpenFlow session.", MetricType.GAUGE, List.of(),
                List.of(Sample.of(switches.size()))));
        out.add(family("flowlb_switch_flows", "Flow entries in a switch.", MetricType.GAUGE, dpid, flows));
        out.add(family("flowlb_switch_groups", "Groups in a switch.", MetricType.GAUGE, dpid, groups));
        out.add(family("flowlb_switch_ports", "Ports of a switch.", MetricType.GAUGE, dpid, ports));
        out.add(family("flowlb_switch_packet_ins_total", "PACKET_IN messages from a switch.", MetricType.COUNTER, dpid,
                packetIns));
        out.add(family("flowlb_switch_errors_total", "OpenFlow ERROR messages from a switch.", MetricType.COUNTER, dpid,
                errors));
    }

    private static MetricFamily family(String name, String help, MetricType type, List<String> labels,
                                       List<Sample> samples) {
        return new MetricFamily(name, help, type, labels, samples);
    }
}
