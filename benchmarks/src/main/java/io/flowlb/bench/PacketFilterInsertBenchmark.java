package io.flowlb.bench;

import io.flowlb.loadbalancer.filter.FilterResult;
import io.flowlb.loadbalancer.filter.FilterSettings;
import io.flowlb.loadbalancer.filter.PacketFilter;
import io.flowlb.loadbalancer.packet.BigEndian;
import io.flowlb.loadbalancer.packet.TcpFlags;
import io.flowlb.loadbalancer.select.ConfigTable;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * New connections through the packet filter into a large, pre-sized connection table, without
 * removing them: each measured shot sends {@value #CONNECTIONS} SYNs from distinct clients to the
 * NAT VIP of {@link PacketFilterBenchmark} into a fresh table of {@code maxEntries} entries (two
 * per connection), far larger than the caches, so every insert touches cold slots. The score is
 * per SYN and includes restoring the 64-byte frame (see {@code PacketFilterBenchmark.copyFrameOnly}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PacketFilterInsertBenchmark {
    static final int CONNECTIONS = 1 << 20;
    private static final int FRAME = 64;
    private static final long SLOT = 2048 + 66;

    /** Entries of the table (a NAT connection takes two): 4,000,000 = 341 MB of slots. */
    @Param({"4000000"})
    public int maxEntries;

    private Arena arena;
    private ConfigTable config;
    private ConnectionTable table;
    private PacketFilter filter;
    private FilterResult out;
    private MemorySegment template;
    private MemorySegment ring;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        config = new ConfigTable();
        config.publish(PacketFilterBenchmark.natSnapshot(false));
        out = new FilterResult(arena.allocate(256, 64), 0);
        ring = arena.allocate(4096, 64);
        template = arena.allocate(FRAME, 64);
        MemorySegment.copy(MemorySegment.ofArray(PacketFilterBenchmark.frame(0x0c00_0000, 40000, TcpFlags.SYN)), 0,
                template, 0, FRAME);
    }

    @Setup(Level.Iteration)
    public void freshTable() {
        table = new ConnectionTable(maxEntries, Timeouts.DEFAULTS, 0x5eed);
        filter = new PacketFilter(config, table, FilterSettings.DEFAULTS);
    }

    @TearDown(Level.Iteration)
    public void dropTable() {
        if (table.size() != 2L * CONNECTIONS) {
            throw new IllegalStateException("expected " + 2 * CONNECTIONS + " entries, table has " + table.size());
        }
        table.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /**
     * The source address is written into the restored frame without fixing its checksums: the
     * filter does not verify them, and an incremental update would add work that is not the filter's.
     */
    @Benchmark
    @OperationsPerInvocation(CONNECTIONS)
    public int insertNewConnections() {
        int sum = 0;
        for (int i = 0; i < CONNECTIONS; i++) {
            MemorySegment.copy(template, 0, ring, SLOT, FRAME);
            BigEndian.putI32(ring, SLOT + 26, 0x0c00_0000 + i);
            sum += filter.filter(ring, SLOT, FRAME, i, out);
        }
        return sum;
    }
}
