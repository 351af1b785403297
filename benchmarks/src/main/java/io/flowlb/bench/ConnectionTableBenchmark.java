package io.flowlb.bench;

import io.flowlb.loadbalancer.packet.FlowKey;
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
 * Connection table operations as a poller does them: the flow key is refilled in place from
 * primitive header fields (as the packet views do), then looked up or inserted.
 *
 * <p>{@code entries} is the number of live connections; flows are visited in random order, so with
 * 1,000 entries the table sits in cache (a burst of a few hot flows) and with 1,000,000 (85 MB)
 * nearly every lookup misses the CPU caches (many flows).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConnectionTableBenchmark {
    private static final int VIP = 0x0a00_0001;
    private static final int ZONE = 1;
    private static final int ORDER = 1 << 16;

    @Param({"1000", "1000000"})
    public int entries;

    private ConnectionTable table;
    private final FlowKey key = new FlowKey();
    private int[] src;
    private int[] srcPort;
    private int[] order;
    private int next;
    private int fresh;
    private long now = 1;

    @Setup(Level.Trial)
    public void setUp() {
        table = new ConnectionTable(entries * 2 + 16, Timeouts.DEFAULTS, 0x1234);
        src = new int[entries];
        srcPort = new int[entries];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < entries; i++) {
            src[i] = 0x0b00_0000 + i;
            srcPort[i] = 1024 + rnd.nextInt(60000);
            key.setV4(src[i], VIP, ConnState.PROTO_TCP, srcPort[i], 80);
            table.insert(key, ZONE, i, ConnState.TCP_SYN, now);
        }
        order = new int[ORDER];
        for (int i = 0; i < ORDER; i++) {
            order[i] = rnd.nextInt(entries);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        table.close();
    }

    @Benchmark
    public int lookupHit() {
        int i = order[next++ & (ORDER - 1)];
        key.setV4(src[i], VIP, ConnState.PROTO_TCP, srcPort[i], 80);
        return table.lookup(key, ZONE, ++now);
    }

    @Benchmark
    public int lookupMiss() {
        int i = order[next++ & (ORDER - 1)];
        key.setV4(src[i], VIP, ConnState.PROTO_TCP, srcPort[i], 443);
        return table.lookup(key, ZONE, ++now);
    }

    /** A new connection recorded, then removed again so the table keeps its load. */
    @Benchmark
    public int insertNewThenRemove() {
        int i = order[next++ & (ORDER - 1)];
        key.setV4(0x0c00_0000 + fresh++, VIP, ConnState.PROTO_TCP, srcPort[i], 80);
        int slot = table.insert(key, ZONE, i, ConnState.TCP_SYN, ++now);
        table.remove(slot);
        return slot;
    }
}
