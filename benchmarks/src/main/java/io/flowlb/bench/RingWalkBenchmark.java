package io.flowlb.bench;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.afpacket.RxRingV2;
import io.flowlb.flowswitch.io.afpacket.RxRingV3;
import io.flowlb.flowswitch.io.afpacket.TxRingV2;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The user-space cost per frame of the ring protocol: take a 64-byte frame from a receive ring
 * (V2 slot or V3 block), copy it into a transmit slot, give both slots back. The kernel's part
 * (publishing receive slots, completing transmit slots) is played by plain stores, counted in.
 * Run with {@code -prof gc} to see 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RingWalkBenchmark {
    private static final int BURST = 32;
    private static final int SLOT = 2048;
    private static final int FRAME = 60;
    private static final int V2_MAC = 70;
    private static final int V3_BLOCK = 32 * 1024;
    private static final int V3_FIRST = 48;
    private static final int V3_MAC = 86;
    private static final int V3_STRIDE = 160;

    private Arena arena;
    private MemorySegment rxV2;
    private MemorySegment rxV3;
    private MemorySegment tx;
    private RxRingV2 ringV2;
    private RxRingV3 ringV3;
    private TxRingV2 txRing;
    private FrameHandler forward;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        rxV2 = arena.allocate((long) SLOT * BURST, 4096);
        rxV3 = arena.allocate(V3_BLOCK, 4096);
        tx = arena.allocate((long) SLOT * BURST * 2, 4096);
        for (int i = 0; i < BURST; i++) {
            long slot = (long) i * SLOT;
            rxV2.set(ValueLayout.JAVA_INT, slot + 4, FRAME);
            rxV2.set(ValueLayout.JAVA_INT, slot + 8, FRAME);
            rxV2.set(ValueLayout.JAVA_SHORT, slot + 12, (short) V2_MAC);
            rxV2.set(ValueLayout.JAVA_SHORT, slot + V2_MAC + 12, (short) 0x0008);
            long frame = V3_FIRST + (long) i * V3_STRIDE;
            rxV3.set(ValueLayout.JAVA_INT, frame, i + 1 < BURST ? V3_STRIDE : 0);
            rxV3.set(ValueLayout.JAVA_INT, frame + 12, FRAME);
            rxV3.set(ValueLayout.JAVA_INT, frame + 16, FRAME);
            rxV3.set(ValueLayout.JAVA_INT, frame + 20, 1);
            rxV3.set(ValueLayout.JAVA_SHORT, frame + 24, (short) V3_MAC);
        }
        rxV3.set(ValueLayout.JAVA_INT, 12, BURST);
        rxV3.set(ValueLayout.JAVA_INT, 16, V3_FIRST);
        MemorySegment copy = arena.allocate(64 * 1024, 64);
        ringV2 = new RxRingV2(rxV2, SLOT, BURST, copy, () -> -1);
        ringV3 = new RxRingV3(rxV3, V3_BLOCK, 1, true);
        txRing = new TxRingV2(tx, SLOT, BURST * 2, true);
        TxRingV2 out = txRing;
        forward = (port, frame, offset, length, flags) -> out.offer(frame, offset, length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** Kernel side: every transmit slot sent, available again. */
    private void kernelCompletesTransmit() {
        for (int i = 0; i < BURST * 2; i++) {
            tx.set(ValueLayout.JAVA_INT, (long) i * SLOT, 0);
        }
        txRing.clearRequested();
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int v2SlotToTransmitSlot() {
        for (int i = 0; i < BURST; i++) {
            rxV2.set(ValueLayout.JAVA_INT, (long) i * SLOT, 1);
        }
        int n = ringV2.poll(forward, 1, BURST);
        kernelCompletesTransmit();
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int v3BlockToTransmitSlot() {
        rxV3.set(ValueLayout.JAVA_INT, 8, 1);
        int n = ringV3.poll(forward, 1, BURST);
        kernelCompletesTransmit();
        return n;
    }
}
