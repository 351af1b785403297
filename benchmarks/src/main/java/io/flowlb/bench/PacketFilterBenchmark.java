package io.flowlb.bench;

import io.flowlb.loadbalancer.filter.FilterResult;
import io.flowlb.loadbalancer.filter.FilterSettings;
import io.flowlb.loadbalancer.filter.PacketFilter;
import io.flowlb.loadbalancer.filter.ServiceTables;
import io.flowlb.loadbalancer.filter.Verdict;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.TcpFlags;
import io.flowlb.loadbalancer.select.ConfigTable;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The packet filter on 64-byte TCP/IPv4 frames in off-heap memory, towards a NAT VIP with 10
 * members (issue 2's targets: established <= 60 ns, new connection <= 250 ns, both 0 B/op).
 *
 * <ul>
 *   <li>{@link #established}: an ACK of a known connection: parse, service lookup, connection
 *       lookup and state update, NAT rewrite of MAC, address and port with incremental checksums.</li>
 *   <li>{@link #newConnectionThenRemove}: a SYN from a new client: the same plus Maglev pick and
 *       the insertion of the forward and reply keys; the connection is removed again afterwards
 *       (included in the time) so that the table keeps its load.</li>
 *   <li>{@link #copyFrameOnly}: the 64-byte copy that restores each frame before it is filtered
 *       (the filter rewrites in place); subtract it from the two above.</li>
 * </ul>
 * The table holds {@code flows} established connections (two keys each) and is half full.
 * {@link PacketFilterInsertBenchmark} measures inserts alone into a large table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PacketFilterBenchmark {
    static final IpAddress VIP = IpAddress.parse("198.51.100.1");
    static final int MEMBERS = 10;
    private static final int FRAME = 64;
    private static final int ORDER = 1 << 16;
    private static final int FRESH = 1 << 16;

    /** Live connections: 1,000 keep the table and frames in cache, 65,536 do not. */
    @Param({"1000", "65536"})
    public int flows;

    private Arena arena;
    private ConnectionTable table;
    private PacketFilter filter;
    private FilterResult out;
    private MemorySegment ring;
    private MemorySegment acks;
    private MemorySegment syns;
    private int[] order;
    private int[] freshPorts;
    private int next;
    private int fresh;
    private int zone;
    private final FlowKey key = new FlowKey();
    private long now = 1;

    /** A NAT VIP on TCP 80 with {@code MEMBERS} members on port 8080, MACs known. */
    static LbConfig natConfig() {
        PoolId pool = PoolId.of("web");
        LbConfig c = LbConfig.EMPTY.withPool(Pool.of(pool)).withVip(Vip.of(VipId.of("web"), VIP, Protocol.TCP, 80).withPool(pool));
        for (int i = 0; i < MEMBERS; i++) {
            c = c.withMember(Member.of(MemberId.of("m" + i), pool, IpAddress.ofV4(0xcb00_7100 + i), 8080)
                    .withMac(new MacAddress(0x0200_0000_0100L + i)));
        }
        return c;
    }

    /** Client {@code client}:{@code port} to the VIP, with the given TCP flags, 64 bytes. */
    static byte[] frame(int client, int port, int flags) {
        byte[] f = FrameBuilder.ethernet(0x0200_0000_00feL, 0x0200_0000_0001L).ipv4(client, VIP.v4())
                .tcp(port, 80, 1000, 2000, flags).payload(10).build();
        if (f.length != FRAME) {
            throw new IllegalStateException("expected a 64-byte frame, built " + f.length);
        }
        return f;
    }

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        ConfigTable config = new ConfigTable();
        ServiceTables.publish(config, natConfig(), Map.of());
        zone = config.current().serviceAt(0).id();
        table = new ConnectionTable(4 * flows + 64, Timeouts.DEFAULTS, 0x5eed);
        filter = new PacketFilter(config, table, FilterSettings.DEFAULTS);
        out = new FilterResult(arena.allocate(256, 64), 0);
        ring = arena.allocate(4096, 64);
        acks = arena.allocate((long) flows * FRAME, 64);
        syns = arena.allocate((long) FRESH * FRAME, 64);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < flows; i++) {
            int client = rnd.nextInt();
            int port = 1024 + rnd.nextInt(60000);
            put(frame(client, port, TcpFlags.SYN), ring, 0);
            if (filter.filter(ring, 0, FRAME, now, out) != Verdict.FORWARD) {
                throw new IllegalStateException("setup: SYN not forwarded: " + out);
            }
            put(frame(client, port, TcpFlags.ACK), acks, (long) i * FRAME);
        }
        freshPorts = new int[FRESH];
        for (int i = 0; i < FRESH; i++) {
            freshPorts[i] = 1024 + rnd.nextInt(60000);
            put(frame(0x0c00_0000 + i, freshPorts[i], TcpFlags.SYN), syns, (long) i * FRAME);
        }
        order = new int[ORDER];
        for (int i = 0; i < ORDER; i++) {
            order[i] = rnd.nextInt(flows);
        }
    }

    private static void put(byte[] frame, MemorySegment to, long offset) {
        MemorySegment.copy(MemorySegment.ofArray(frame), 0, to, offset, frame.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        table.close();
        arena.close();
    }

    @Benchmark
    public int established() {
        long from = (long) order[next++ & (ORDER - 1)] * FRAME;
        MemorySegment.copy(acks, from, ring, 2048 + 66, FRAME);
        return filter.filter(ring, 2048 + 66, FRAME, ++now, out);
    }

    /** A new connection, picked and recorded (two keys), then removed again so that the table keeps its load. */
    @Benchmark
    public int newConnectionThenRemove() {
        int i = fresh++ & (FRESH - 1);
        MemorySegment.copy(syns, (long) i * FRAME, ring, 2048 + 66, FRAME);
        int verdict = filter.filter(ring, 2048 + 66, FRAME, ++now, out);
        key.setV4(0x0c00_0000 + i, VIP.v4(), 6, freshPorts[i], 80);
        table.remove(key, zone);
        return verdict;
    }

    @Benchmark
    public long copyFrameOnly() {
        long from = (long) order[next++ & (ORDER - 1)] * FRAME;
        MemorySegment.copy(acks, from, ring, 2048 + 66, FRAME);
        return from;
    }
}
