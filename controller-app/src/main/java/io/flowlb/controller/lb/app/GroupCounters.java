package io.flowlb.controller.lb.app;

import io.flowlb.controller.lb.install.GroupSpec;
import io.flowlb.controller.lb.install.SwitchPlan;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.VipId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFBucketCounter;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;

/**
 * Traffic per VIP and member, from the bucket counters of the VIPs' SELECT groups (group
 * statistics polled from every switch): cumulative packets and bytes since start, and the packets
 * of each switch's last poll, summed over the switches (what the measured share of the
 * distribution view is computed from: a VIP's group is on every switch, but only the switches
 * its clients come in by count its traffic).
 *
 * <p>A counter that went down (the group was re-created, the switch reconnected) starts over from
 * its new value.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
final class GroupCounters {
    /** One member of one VIP. */
    record Key(VipId vip, MemberId member) {
    }

    /** Cumulative packets and bytes, and packets of the last poll. */
    record Traffic(long packets, long bytes, long recentPackets) {
        static final Traffic ZERO = new Traffic(0, 0, 0);
    }

    private final Map<Dpid, Map<Key, long[]>> last = new HashMap<>();
    private final Map<Key, Traffic> totals = new HashMap<>();
    private final Map<Dpid, Map<Key, Long>> recent = new HashMap<>();

    /** Takes one switch's group statistics; {@code vipOf} maps a group id to its VIP. */
    void record(Dpid dpid, SwitchPlan installed, List<OFGroupStatsEntry> entries, Map<Integer, VipId> vipOf) {
        Map<Key, long[]> before = last.getOrDefault(dpid, Map.of());
        Map<Key, long[]> now = new HashMap<>();
        Map<Key, Long> polled = new HashMap<>();
        for (OFGroupStatsEntry e : entries) {
            int id = e.getGroup().getGroupNumber();
            GroupSpec g = installed.group(id);
            VipId vip = vipOf.get(id);
            if (g == null || vip == null) {
                continue;
            }
            List<OFBucketCounter> counters = e.getBucketStats();
            for (int i = 0; i < Math.min(counters.size(), g.buckets().size()); i++) {
                Key k = new Key(vip, g.buckets().get(i).member());
                long[] c = {counters.get(i).getPacketCount().getValue(), counters.get(i).getByteCount().getValue()};
                long[] b = before.get(k);
                long dp = b == null || c[0] < b[0] ? c[0] : c[0] - b[0];
                long db = b == null || c[1] < b[1] ? c[1] : c[1] - b[1];
                now.put(k, c);
                Traffic t = totals.getOrDefault(k, Traffic.ZERO);
                totals.put(k, new Traffic(t.packets() + dp, t.bytes() + db, 0));
                polled.merge(k, dp, Long::sum);
            }
        }
        last.put(dpid, now);
        recent.put(dpid, polled);
    }

    void switchGone(Dpid dpid) {
        last.remove(dpid);
        recent.remove(dpid);
    }

    /** Every counted member's traffic, as an immutable copy (members never counted are left out). */
    Map<Key, Traffic> snapshot() {
        Map<Key, Traffic> out = new HashMap<>(totals.size() * 4 / 3 + 1);
        for (Map.Entry<Key, Traffic> e : totals.entrySet()) {
            Traffic t = e.getValue();
            out.put(e.getKey(), new Traffic(t.packets(), t.bytes(), recentPackets(e.getKey())));
        }
        return Collections.unmodifiableMap(out);
    }

    Traffic of(VipId vip, MemberId member) {
        Key k = new Key(vip, member);
        Traffic t = totals.getOrDefault(k, Traffic.ZERO);
        return new Traffic(t.packets(), t.bytes(), recentPackets(k));
    }

    /** The member's packets in each switch's last poll, summed over the switches. */
    private long recentPackets(Key k) {
        long packets = 0;
        for (Map<Key, Long> polled : recent.values()) {
            packets += polled.getOrDefault(k, 0L);
        }
        return packets;
    }
}
