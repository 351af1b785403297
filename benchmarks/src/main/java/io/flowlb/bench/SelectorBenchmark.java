package io.flowlb.bench;

import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.select.Selector;
import io.flowlb.loadbalancer.select.ServiceTable;
import io.flowlb.loadbalancer.table.ConnState;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The selector on its two paths: a packet of a known connection (hit) and the first packet of a
 * new one (miss: Maglev pick and insert). 10 backends, DSR or NAT (NAT records two keys).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelectorBenchmark {
    private static final int VIP = 0x0a00_0001;
    private static final int ZONE = 1;
    private static final int ORDER = 1 << 16;

    @Param({"dsr", "nat"})
    public String mode;

    /** Live connections: 1,000 keep the table in cache, 65,536 (22 MB) do not. */
    @Param({"1000", "65536"})
    public int flows;

    private ConnectionTable table;
    private Selector selector;
    private ServiceTable service;
    private final FlowKey key = new FlowKey();
    private int[] src;
    private int[] srcPort;
    private int[] order;
    private int next;
    private int fresh;
    private long now = 1;

    @Setup(Level.Trial)
    public void setUp() {
        int keysPerFlow = mode.equals("nat") ? 2 : 1;
        table = new ConnectionTable(2 * keysPerFlow * flows + 16, Timeouts.DEFAULTS, 0x1234); // half full
        selector = new Selector(table);
        ServiceTable.Builder b = ServiceTable.builder(ZONE).vipV4(VIP, 6, 80)
                .mode(mode.equals("nat") ? ServiceTable.MODE_NAT : ServiceTable.MODE_DSR);
        for (int i = 0; i < 10; i++) {
            b.backend(100 + i, 1, true, true, 0, FlowKey.V4_MAPPED_LO_PREFIX | (0x0a00_0100 + i), 8080, 0x0200_0000_0000L + i);
        }
        service = b.build(1);
        src = new int[flows];
        srcPort = new int[flows];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < flows; i++) {
            src[i] = rnd.nextInt();
            srcPort[i] = 1024 + rnd.nextInt(60000);
            key.setV4(src[i], VIP, ConnState.PROTO_TCP, srcPort[i], 80);
            selector.select(key, ZONE, service, ConnState.TCP_SYN, now);
        }
        order = new int[ORDER];
        for (int i = 0; i < ORDER; i++) {
            order[i] = rnd.nextInt(flows);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        table.close();
    }

    @Benchmark
    public int selectHit() {
        int i = order[next++ & (ORDER - 1)];
        key.setV4(src[i], VIP, ConnState.PROTO_TCP, srcPort[i], 80);
        return selector.select(key, ZONE, service, ConnState.TCP_ACK, ++now);
    }

    /** A new connection selected and recorded, then removed again so the table keeps its load. */
    @Benchmark
    public int selectMissThenRemove() {
        int i = order[next++ & (ORDER - 1)];
        key.setV4(0x0c00_0000 + fresh++, VIP, ConnState.PROTO_TCP, srcPort[i], 80);
        int backend = selector.select(key, ZONE, service, ConnState.TCP_SYN, ++now);
        table.remove(key, ZONE);
        return backend;
    }
}
