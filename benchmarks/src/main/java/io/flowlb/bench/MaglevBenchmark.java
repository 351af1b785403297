package io.flowlb.bench;

import io.flowlb.loadbalancer.select.MaglevTableBuilder;
import io.flowlb.loadbalancer.select.ServiceTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Maglev table build (control plane, target <= 5 ms for M = 65537 and 100 members) and pick. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MaglevBenchmark {
    @Param({"100"})
    public int members;

    /** {@code equal}: every weight 1; {@code mixed}: weights 1..100 at random. */
    @Param({"equal", "mixed"})
    public String weights;

    private final MaglevTableBuilder builder = new MaglevTableBuilder(MaglevTableBuilder.DEFAULT_SIZE);
    private final int[] table = new int[MaglevTableBuilder.DEFAULT_SIZE];
    private long[] keys;
    private int[] w;
    private ServiceTable service;
    private long hash = 0x9E37_79B9_7F4A_7C15L;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(3);
        keys = new long[members];
        w = new int[members];
        ServiceTable.Builder b = ServiceTable.builder(1);
        for (int i = 0; i < members; i++) {
            keys[i] = rnd.nextLong();
            w[i] = weights.equals("equal") ? 1 : 1 + rnd.nextInt(100);
            b.backend(keys[i], w[i], true, true);
        }
        service = b.build(1);
    }

    @Benchmark
    public int build() {
        builder.build(keys, w, members, table);
        return table[0];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int pick() {
        hash += 0x9E37_79B9_7F4A_7C15L;
        return service.pick(hash);
    }
}
