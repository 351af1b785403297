package io.flowlb.bench;

import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.Datapath;
import io.flowlb.flowswitch.datapath.DatapathConfig;
import io.flowlb.flowswitch.datapath.NanoClock;
import io.flowlb.flowswitch.datapath.Pipeline;
import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.loadbalancer.packet.BigEndian;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.TcpFlags;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One frame through a poller's pipeline (parse, microflow cache, classifier, actions, groups,
 * transmit queue), in bursts of 32:
 * <ul>
 *   <li>{@code l2}: one exact eth_dst flow, output to a port;</li>
 *   <li>{@code nat-1} / {@code nat-10k} / {@code nat-1m}: a VIP flow into a SELECT group of 3 NAT
 *       buckets (rewrite MAC, IPv4 and TCP port, output), with 1, 10,100 and 1,000,000 established
 *       connections in the poller's connection table, each packet the next connection in turn
 *       (as the pps benchmark's generator sends them: more flows than microflow cache entries,
 *       and with {@code nat-1m} the connection table is the working set);</li>
 *   <li>{@code classifier-warm} / {@code classifier-cold}: 1,000 flows over 3 masks and a
 *       table-miss flow; 256 distinct 5-tuples (cache hits) or 65,536 (cache misses, every
 *       packet walks the classifier).</li>
 * </ul>
 * Each operation first copies the frame into the receive buffer (the rewrites are in place), as
 * if it had just arrived in the ring. Transmission goes to a queue that drops.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DatapathBenchmark {
    private static final int STRIDE = 128;
    private static final long MAC_CLIENT = 0x02_00_00_00_00_01L;
    private static final long MAC_SWITCH = 0x02_00_00_00_00_fel;
    private static final int VIP = 0x0a00_0064;
    private static final int BURST = 32;
    private static final int IPV4_SRC_OFFSET = 14 + 12;
    private static final int IPV4_DST_OFFSET = 14 + 16;
    private static final int L4_SRC_OFFSET = 14 + 20;

    @Param({"l2", "nat-1", "nat-10k", "nat-1m", "classifier-warm", "classifier-cold"})
    public String scenario;

    /**
     * The microflow cache is consulted only when the tables hold at least this many subtables
     * (the datapath's default, 8); 0 consults it always, to compare.
     */
    @Param({"8"})
    public int emcMinSubtables;

    private Datapath datapath;
    private Pipeline pipeline;
    private MemorySegment template;
    private MemorySegment rx;
    private int frameLength;
    private int[] src;
    private int[] srcPorts;
    private int[] dst;
    private int count;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        boolean million = scenario.equals("nat-1m");
        DatapathConfig config = DatapathConfig.defaults(1, StandardApps.all())
                .withConnectionsPerPoller(million ? 1 << 21 : 1 << 16).withMicroflowPolicy(100, emcMinSubtables);
        Datapath dp = new Datapath(config, NanoClock.SYSTEM);
        datapath = dp;
        BenchDatapaths.dropPorts(dp, 4);
        pipeline = dp.newPipeline();
        rx = Arena.ofAuto().allocate(STRIDE, 64);
        template = Arena.ofAuto().allocate(STRIDE, 64);
        switch (scenario) {
            case "l2" -> l2(dp);
            case "nat-1" -> nat(dp, 1);
            case "nat-10k" -> nat(dp, 10_100);
            case "nat-1m" -> nat(dp, 1_000_000);
            default -> classifier(dp, scenario.equals("classifier-warm") ? 256 : 65_536);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        datapath.close();
    }

    /**
     * One frame: the template copied into the receive buffer, then the flow's source address
     * and port (and destination) written in (raw stores: the datapath does not verify
     * checksums, and a per-flow frame array of a million entries would measure memory, not
     * the switch).
     */
    @Benchmark
    public int frame() {
        int i = next;
        next = i + 1 == count ? 0 : i + 1;
        MemorySegment.copy(template, 0, rx, 0, frameLength);
        if (src != null) {
            BigEndian.putI32(rx, IPV4_SRC_OFFSET, src[i]);
            BigEndian.putU16(rx, L4_SRC_OFFSET, srcPorts[i]);
        }
        if (dst != null) {
            BigEndian.putI32(rx, IPV4_DST_OFFSET, dst[i]);
        }
        pipeline.onFrame(1, rx, 0, frameLength, 0);
        if ((i & (BURST - 1)) == BURST - 1) {
            pipeline.endOfBurst();
        }
        return i;
    }

    private void l2(Datapath dp) {
        ok(dp.flowMod(FlowMod.add(FlowSpec.apply(0, 10, Match.of(MatchEntry.exact(MatchField.ETH_DST, MAC_SWITCH)),
                new Action.Output(2)))));
        use(udpTemplate(), 1);
    }

    private void nat(Datapath dp, int connections) {
        BenchDatapaths.natVip(dp, VIP);
        randomSources(connections, 7);
        use(tcpTemplate(TcpFlags.SYN), connections);
        for (int i = 0; i < connections; i++) { // open every connection with its SYN
            frame();
        }
        pipeline.endOfBurst();
        use(tcpTemplate(TcpFlags.ACK), connections);
    }

    private void classifier(Datapath dp, int distinct) {
        for (int i = 0; i < 600; i++) {
            ok(dp.flowMod(FlowMod.add(FlowSpec.apply(0, 200, Match.of(MatchEntry.exact(MatchField.ETH_TYPE, 0x0800),
                    MatchEntry.exact(MatchField.IP_PROTO, 6), MatchEntry.exact(MatchField.IPV4_DST, VIP + i),
                    MatchEntry.exact(MatchField.TCP_DST, 80)), new Action.Output(2 + i % 3)))));
        }
        for (int i = 0; i < 300; i++) {
            ok(dp.flowMod(FlowMod.add(FlowSpec.apply(0, 100, Match.of(MatchEntry.exact(MatchField.ETH_TYPE, 0x0800),
                    MatchEntry.masked(MatchField.IPV4_DST, 0x0b00_0000 | (i << 8), 0xffff_ff00L)),
                    new Action.Output(3)))));
        }
        for (int i = 0; i < 100; i++) {
            ok(dp.flowMod(FlowMod.add(FlowSpec.apply(0, 150, Match.of(MatchEntry.exact(MatchField.ETH_TYPE, 0x0800),
                    MatchEntry.exact(MatchField.IP_PROTO, 17), MatchEntry.exact(MatchField.UDP_DST, 1000 + i)),
                    new Action.Output(4)))));
        }
        ok(dp.flowMod(FlowMod.add(FlowSpec.apply(0, 0, Match.ALL, new Action.Output(4)))));
        randomSources(distinct, 11);
        dst = new int[distinct];
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < distinct; i++) {
            dst[i] = VIP + rnd.nextInt(600);
        }
        use(tcpTemplate(TcpFlags.ACK), distinct);
    }

    private void randomSources(int n, long seed) {
        src = new int[n];
        srcPorts = new int[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            src[i] = 0x6400_0000 | rnd.nextInt(1 << 24);
            srcPorts[i] = 1024 + rnd.nextInt(60_000);
        }
    }

    private static byte[] udpTemplate() {
        return FrameBuilder.ethernet(MAC_SWITCH, MAC_CLIENT).ipv4(0x6400_0001, VIP).udp(5000, 53).payload(22).build();
    }

    private static byte[] tcpTemplate(int flags) {
        return FrameBuilder.ethernet(MAC_SWITCH, MAC_CLIENT).ipv4(0x6400_0001, VIP).tcp(5000, 80, 1, 1, flags)
                .payload(10).build();
    }

    /** Sends {@code template} for {@code flows} flows from now on. */
    private void use(byte[] frame, int flows) {
        MemorySegment.copy(MemorySegment.ofArray(frame), 0, template, 0, frame.length);
        frameLength = frame.length;
        count = flows;
        next = 0;
    }

    private static void ok(DatapathError e) {
        BenchDatapaths.ok(e);
    }
}
