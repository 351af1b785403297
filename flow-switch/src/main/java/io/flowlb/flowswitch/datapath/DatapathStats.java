package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.apps.SwitchApp;
import io.flowlb.flowswitch.datapath.spec.AggregateStats;
import io.flowlb.flowswitch.datapath.spec.FlowStats;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupStats;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.flowswitch.datapath.spec.PortStats;
import io.flowlb.flowswitch.datapath.spec.TableStats;
import io.flowlb.loadbalancer.table.ConnectionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics replies, computed from the control-side stores and the sum of the threads'
 * counter arrays.
 *
 * <p>Thread safety: used by the control thread under the datapath's lock.
 */
final class DatapathStats {
    private final DatapathConfig config;
    private final FlowStore flows;
    private final GroupStore groups;
    private final PortTable ports;
    private final List<ThreadCounters> counters;
    private final int threads;

    DatapathStats(DatapathConfig config, FlowStore flows, GroupStore groups, PortTable ports,
            List<ThreadCounters> counters, int threads) {
        this.config = config;
        this.flows = flows;
        this.groups = groups;
        this.ports = ports;
        this.counters = counters;
        this.threads = threads;
    }

    List<FlowStats> flowStats(FlowStatsRequest req, long now) {
        List<FlowStats> out = new ArrayList<>();
        for (FlowEntry e : flows.select(req)) {
            out.add(new FlowStats(e.spec, now - e.installedNanos, flows.packets(e), flows.bytes(e)));
        }
        return out;
    }

    AggregateStats aggregate(FlowStatsRequest req) {
        long packets = 0;
        long bytes = 0;
        List<FlowEntry> hits = flows.select(req);
        for (FlowEntry e : hits) {
            packets += flows.packets(e);
            bytes += flows.bytes(e);
        }
        return new AggregateStats(packets, bytes, hits.size());
    }

    List<TableStats> tableStats() {
        List<TableStats> out = new ArrayList<>();
        for (int t = 0; t < config.tables(); t++) {
            long lookups = 0;
            long matched = 0;
            for (int i = 0; i < threads; i++) {
                lookups += counters.get(i).tables[2 * t];
                matched += counters.get(i).tables[2 * t + 1];
            }
            out.add(new TableStats(t, flows.tableSize(t), lookups, matched));
        }
        return out;
    }

    List<GroupStats> groupStats(int groupId, long now) {
        List<GroupStats> out = new ArrayList<>();
        for (GroupStore.Entry e : groups.entries()) {
            if (groupId != GroupSpec.ALL && e.spec.groupId() != groupId) {
                continue;
            }
            int nb = e.spec.buckets().size();
            long[] sum = new long[2 + 2 * nb];
            for (int t = 0; t < threads; t++) {
                long[] c = e.counters[t];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += c[i];
                }
            }
            List<GroupStats.BucketStats> buckets = new ArrayList<>(nb);
            for (int b = 0; b < nb; b++) {
                buckets.add(new GroupStats.BucketStats(sum[2 + 2 * b], sum[3 + 2 * b]));
            }
            int refs = groups.groupReferences(e.spec.groupId()) + flows.select(new FlowStatsRequest(
                    io.flowlb.flowswitch.datapath.spec.FlowMod.ALL_TABLES, PortNumbers.ANY, e.spec.groupId(), 0, 0,
                    io.flowlb.flowswitch.datapath.spec.Match.ALL)).size();
            out.add(new GroupStats(e.spec.groupId(), refs, sum[0], sum[1], now - e.createdNanos, buckets));
        }
        return out;
    }

    /** Captures the SELECT groups of a {@link SelectConnectionsQuery} (see {@link Datapath#selectConnections}). */
    SelectConnectionsQuery selectConnections(long[] groupIds, List<ConnectionTable> tables, long now) {
        List<GroupStore.Entry> chosen = new ArrayList<>();
        for (GroupStore.Entry e : groups.entries()) {
            if (e.spec.type() == GroupType.SELECT && (groupIds == null || contains(groupIds, e.spec.groupId()))) {
                chosen.add(e);
            }
        }
        chosen.sort((a, b) -> Integer.compareUnsigned(a.spec.groupId(), b.spec.groupId()));
        int[] ids = new int[chosen.size()];
        long[][] keys = new long[ids.length][];
        long[][] totals = new long[ids.length][];
        for (int g = 0; g < ids.length; g++) {
            GroupStore.Entry e = chosen.get(g);
            ids[g] = e.spec.groupId();
            keys[g] = e.bucketKeys.clone();
            totals[g] = new long[e.placed.length];
            for (int b = 0; b < totals[g].length; b++) {
                totals[g][b] = Placements.sum(e.placed[b]);
            }
        }
        return new SelectConnectionsQuery(ids, keys, totals, tables, config.connectionTimeouts().nanosByState(), now);
    }

    private static boolean contains(long[] ids, int groupId) {
        for (long id : ids) {
            if (id == (groupId & 0xffff_ffffL)) {
                return true;
            }
        }
        return false;
    }

    List<PortStats> portStats(int portNo, long now) {
        List<PortStats> out = new ArrayList<>();
        for (PortTable.Entry e : ports.entries()) {
            int no = e.port.portNo();
            if (portNo != PortNumbers.ANY && portNo != no) {
                continue;
            }
            long[] s = new long[ThreadCounters.PORT_STRIDE];
            for (int t = 0; t < threads; t++) {
                long[] c = counters.get(t).ports;
                for (int i = 0; i < s.length; i++) {
                    s[i] += c[no * ThreadCounters.PORT_STRIDE + i];
                }
            }
            long overruns = e.port.counters().rxOverruns();
            out.add(new PortStats(no, s[ThreadCounters.RX_PACKETS], s[ThreadCounters.TX_PACKETS],
                    s[ThreadCounters.RX_BYTES], s[ThreadCounters.TX_BYTES], s[ThreadCounters.RX_DROPPED] + overruns,
                    s[ThreadCounters.TX_DROPPED], 0, 0, overruns, now - e.addedNanos));
        }
        return out;
    }

    Map<String, Long> counters(List<SwitchApp> apps, List<Pipeline> pipelines) {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < Drops.COUNT; i++) {
            long s = 0;
            for (int t = 0; t < threads; t++) {
                s += counters.get(t).drops[i];
            }
            if (s != 0 || i >= Drops.NO_MATCH) {
                out.put(Drops.name(i), s);
            }
        }
        for (SwitchApp app : apps) {
            String[] names = app.counterNames();
            for (int i = 0; i < names.length; i++) {
                out.merge(names[i], app.counter(i), Long::sum);
            }
        }
        for (Pipeline p : pipelines) {
            p.addLoadBalancingCounters(out);
        }
        out.put("flows", (long) flows.size());
        return out;
    }
}
