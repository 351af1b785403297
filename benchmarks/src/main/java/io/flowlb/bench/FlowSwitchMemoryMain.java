package io.flowlb.bench;

import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.Datapath;
import io.flowlb.flowswitch.datapath.DatapathConfig;
import io.flowlb.flowswitch.datapath.NanoClock;
import io.flowlb.flowswitch.datapath.Pipeline;
import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.loadbalancer.packet.BigEndian;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.TcpFlags;
import io.flowlb.loadbalancer.table.ConnectionTable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory of flow-switch's datapath per connection entry and per flow entry, measured in one JVM
 * (not a JMH benchmark; {@code ./flowlb bench memory} runs it):
 * <ul>
 *   <li>connections: a datapath with one poller whose connection table has the switch's default
 *       capacity (more if {@code --connections} needs it), a VIP flow into a SELECT group of three
 *       NAT buckets, and a SYN for every connection through the poller's pipeline (each takes
 *       one entry: the switch rewrites the replies by the controller's flows, not by the table);</li>
 *   <li>flows: {@code --flows} per-connection flows (exact 5-tuple match, NAT rewrite, output, as
 *       a reactive controller installs them), staged one FLOW_MOD at a time and published every
 *       {@link #BATCH} (as the OpenFlow agent publishes what one socket read brought); the bytes
 *       per flow are the slope between a quarter and all of them, and the rate is flow-mods per
 *       second over all of them. Then {@link #SINGLES} more, each published on its own (a
 *       controller that sends one FLOW_MOD and waits): the cost of a publication into a full
 *       table.</li>
 * </ul>
 * For each step it reports the Java heap in use after a full GC, the process resident set (VmRSS)
 * and, when the JVM runs with {@code -XX:NativeMemoryTracking=summary}, native memory committed
 * outside the Java heap. The connection table maps its memory itself (huge pages), so native
 * memory tracking does not see it: its own size ({@link ConnectionTable#bytesFor}) and the RSS
 * growth are the figures for it.
 *
 * <p>Usage: {@code java -XX:NativeMemoryTracking=summary --enable-native-access=ALL-UNNAMED -cp
 * 'benchmarks/target/classes:benchmarks/target/lib/*' io.flowlb.bench.FlowSwitchMemoryMain
 * [--connections 1000000] [--flows 1000000] [--json FILE]}. Prints one JSON object.
 *
 * <p>Thread safety: runs on the main thread only.
 */
public final class FlowSwitchMemoryMain {
    private static final long MAC_CLIENT = 0x02_00_00_00_00_01L;
    private static final long MAC_SWITCH = 0x02_00_00_00_00_feL;
    private static final int VIP = 0x0a00_0064;
    private static final int CLIENTS = 0x6400_0000;
    private static final int BURST = 32;
    private static final int IPV4_SRC_OFFSET = 14 + 12;
    private static final int L4_SRC_OFFSET = 14 + 20;
    /** FLOW_MODs per publication while filling the table. */
    static final int BATCH = 512;
    /** FLOW_MODs added one publication each after the table is full. */
    static final int SINGLES = 10_000;

    private FlowSwitchMemoryMain() {
    }

    public static void main(String[] args) throws IOException {
        int connections = 1_000_000;
        int flows = 1_000_000;
        Path json = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--flows" -> flows = Integer.parseInt(args[i + 1]);
                case "--json" -> json = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nmt", MemoryUsage.take().nmtNonHeap() >= 0);
        connections(out, connections);
        flows(out, flows);
        String text = toJson(out);
        System.out.println(text);
        if (json != null) {
            Files.writeString(json, text + "\n");
        }
    }

    /**
     * Opens {@code n} connections through a SELECT group of NAT buckets, in a table of the switch's
     * default capacity (or of {@code n} entries when that is more).
     */
    private static void connections(Map<String, Object> out, int n) {
        DatapathConfig config = DatapathConfig.defaults(1, StandardApps.all());
        int capacity = Math.max(config.connectionsPerPoller(), n);
        MemoryUsage before = MemoryUsage.take();
        Datapath dp = new Datapath(config.withConnectionsPerPoller(capacity), NanoClock.SYSTEM);
        try {
            BenchDatapaths.dropPorts(dp, 4);
            Pipeline pipeline = dp.newPipeline();
            BenchDatapaths.natVip(dp, VIP);
            MemoryUsage created = MemoryUsage.take();
            long t0 = System.nanoTime();
            openConnections(pipeline, n);
            long fillNanos = System.nanoTime() - t0;
            MemoryUsage filled = MemoryUsage.take();
            Map<String, Long> c = dp.counters();
            String k = "connections.";
            out.put(k + "opened", n);
            out.put(k + "table_capacity_entries", capacity);
            out.put(k + "table_bytes", ConnectionTable.bytesFor(capacity));
            out.put(k + "entries", c.getOrDefault("connections_size", -1L));
            out.put(k + "table_full", c.getOrDefault("connections_table_full", -1L));
            out.put(k + "unrecorded", c.getOrDefault("select_unrecorded", -1L));
            out.put(k + "fill_seconds", fillNanos / 1e9);
            created.minus(before).put(out, k + "create.");
            filled.minus(created).put(out, k + "fill.");
        } finally {
            dp.close();
        }
    }

    /** A SYN from a distinct client address for each connection, in bursts of 32. */
    private static void openConnections(Pipeline pipeline, int n) {
        byte[] syn = FrameBuilder.ethernet(MAC_SWITCH, MAC_CLIENT).ipv4(CLIENTS, VIP).tcp(5000, 80, 1, 0, TcpFlags.SYN)
                .payload(0).build();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment template = arena.allocate(syn.length, 64);
            MemorySegment rx = arena.allocate(syn.length, 64);
            MemorySegment.copy(MemorySegment.ofArray(syn), 0, template, 0, syn.length);
            for (int i = 0; i < n; i++) {
                MemorySegment.copy(template, 0, rx, 0, syn.length);
                BigEndian.putI32(rx, IPV4_SRC_OFFSET, CLIENTS + i);
                BigEndian.putU16(rx, L4_SRC_OFFSET, 1024 + (i & 0x7fff));
                pipeline.onFrame(1, rx, 0, syn.length, 0);
                if ((i & (BURST - 1)) == BURST - 1) {
                    pipeline.endOfBurst();
                }
            }
            pipeline.endOfBurst();
        }
    }

    /** Adds {@code n} per-connection flows, measuring after a quarter and after all of them. */
    private static void flows(Map<String, Object> out, int n) {
        DatapathConfig d = DatapathConfig.defaults(1, StandardApps.all());
        int maxFlows = Math.max(d.maxFlows(), n + SINGLES + 1);
        DatapathConfig config = d.withMaxFlows(maxFlows).withConnectionsPerPoller(16);
        MemoryUsage before = MemoryUsage.take();
        Datapath dp = new Datapath(config, NanoClock.SYSTEM);
        try {
            BenchDatapaths.dropPorts(dp, 4);
            dp.newPipeline();
            MemoryUsage empty = MemoryUsage.take();
            int quarter = n / 4;
            long t0 = System.nanoTime();
            addFlows(dp, 0, quarter);
            long t1 = System.nanoTime();
            MemoryUsage atQuarter = MemoryUsage.take();
            long t2 = System.nanoTime();
            addFlows(dp, quarter, n);
            long t3 = System.nanoTime();
            MemoryUsage full = MemoryUsage.take();
            long t4 = System.nanoTime();
            for (int i = n; i < n + SINGLES; i++) {
                BenchDatapaths.ok(dp.flowMod(FlowMod.add(flow(i))));
            }
            long t5 = System.nanoTime();
            out.put("flows.flows", n);
            out.put("flows.batch", BATCH);
            out.put("flows.add_per_second", n / ((t1 - t0 + t3 - t2) / 1e9));
            out.put("flows.singles", SINGLES);
            out.put("flows.single_per_second", SINGLES / ((t5 - t4) / 1e9));
            out.put("flows.max_flows", maxFlows);
            out.put("flows.first_quarter_seconds", (t1 - t0) / 1e9);
            out.put("flows.rest_seconds", (t3 - t2) / 1e9);
            empty.minus(before).put(out, "flows.empty_datapath.");
            atQuarter.minus(empty).put(out, "flows.first_quarter.");
            full.minus(atQuarter).put(out, "flows.rest.");
            out.put("flows.slope_flows", n - quarter);
        } finally {
            dp.close();
        }
    }

    /** Stages the flows {@code [from, to)}, publishing every {@link #BATCH} and at the end. */
    private static void addFlows(Datapath dp, int from, int to) {
        for (int i = from; i < to; i++) {
            BenchDatapaths.ok(dp.stageFlowMod(FlowMod.add(flow(i))));
            if ((i + 1) % BATCH == 0) {
                dp.commit();
            }
        }
        dp.commit();
    }

    /** Connection i's flow: its client address and port to the VIP, rewritten to one of three servers. */
    private static FlowSpec flow(int i) {
        return FlowSpec.apply(0, 200, Match.of(MatchEntry.exact(MatchField.ETH_TYPE, 0x0800),
                MatchEntry.exact(MatchField.IP_PROTO, 6), MatchEntry.exact(MatchField.IPV4_SRC, CLIENTS + i),
                MatchEntry.exact(MatchField.TCP_SRC, 1024 + (i & 0x7fff)), MatchEntry.exact(MatchField.IPV4_DST, VIP),
                MatchEntry.exact(MatchField.TCP_DST, 80)),
                new Action.SetField(MatchField.ETH_DST, 0x02_00_00_00_10_00L + i % 3),
                new Action.SetField(MatchField.IPV4_DST, 0x0a00_0a00 + i % 3),
                new Action.SetField(MatchField.TCP_DST, 8080), new Action.Output(2 + i % 3));
    }

    static String toJson(Map<String, Object> m) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(e.getKey()).append("\": ").append(e.getValue());
        }
        return b.append('}').toString();
    }
}
